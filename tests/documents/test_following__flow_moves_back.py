"""The 公文 follows its flow back: 退回, 撤回, 跳转 and auto-return after 签发, 编号 and 用印.

A matrix on the shipped 通知 (every case) and 请示 (one case per position) with the real 公文
steps: each move is made at each position,
then the document's state and the trace must agree with the flow, and the flow must still run
to its end — signed again, the 发文字号 kept (never a second number), sealed again, archived.
"""

from __future__ import annotations

import os

import pytest

from gongwen.documents.document.models import Document
from gongwen.documents.following import TAKE_BACK_ACTION
from gongwen.documents.numbering.models import IssuedNumber
from gongwen.documents.pdf import pdf_available
from gongwen.runtime.actions import Jump, ReturnTo, StartProcess, Withdraw
from gongwen.runtime.deadlines.escalation import SystemReturn
from gongwen.runtime.models import Process, Task, TraceEntry
from tests.documents.test_document__support import (
    act,
    drafted_notice,
    fresh_flow_classes,
    open_tasks,
    shipped,
)
from tests.documents.test_seals__support import make_seal
from tests.documents.test_stories__every_shipped_flow import _draft, _form

__all__ = ["fresh_flow_classes"]

pytestmark = pytest.mark.usefixtures("fresh_flow_classes")

#: Where the flow stands when the move is made: the open step, and the document's state.
POSITIONS = {
    "after_sign": ("number", "signed"),
    "after_number": ("seal", "numbered"),
    "after_seal": ("dispatch", "sealed"),
}


@pytest.fixture
def people(demo) -> dict:
    return demo["users"]


def _needs_pdf(position: str) -> None:
    if position != "after_sign" and not pdf_available():
        if os.environ.get("CI"):
            pytest.fail("LibreOffice must be installed under CI (the seal step needs a PDF)")
        pytest.skip("LibreOffice is not installed: the seal step cannot render the PDF")


def _drafted(key: str, people: dict) -> Document:
    if key == "notice":
        return drafted_notice(people)
    data = _form(key, people)
    result = StartProcess(shipped(key), people["huangmin"], title=data["title"], data=data)
    process = Process.objects.get(pk=result.execute().process_id)
    return _draft(process, people["huangmin"], key)


def _advance_to(position: str, people: dict, key: str = "notice") -> Document:
    for code in ("县政办发", "县政办呈"):
        make_seal(organ_code=code).save()
    document = _drafted(key, people)
    waiting_at, _state = POSITIONS[position]
    while not any(t.node_id == waiting_at for t in open_tasks(document.process)):
        act(document.process, people)
    document.refresh_from_db()
    assert document.state == POSITIONS[position][1]
    return document


def _last_done(process: Process) -> Task:
    return Task.objects.filter(process=process, status="DONE").exclude(owner=None).latest("pk")


def _move(move: str, document: Document, people: dict) -> None:
    """Make ``move`` at the flow's current position."""
    process = document.process
    waiting = next(t for t in open_tasks(process) if t.owner_id)
    if move == "withdraw":
        done = _last_done(process)
        Withdraw(done, people[done.completed_by.username]).execute()
    elif move == "jump":
        Jump(process, people["admin"], target="office_review", reason="重新核稿").execute()
    elif move == "auto_return":
        SystemReturn(waiting).execute()
    else:
        ReturnTo(waiting, people[waiting.owner.username], target="office_review").execute()


#: The state the document must be in after the flow was sent back to each node.
STATE_AT = {
    "office_review": "reviewing",
    "sign": "reviewing",
    "principal_sign": "reviewing",
    "number": "signed",
    "seal": "numbered",
}

CASES = [
    ("notice", "after_sign", "return"),  # 编号 may return to 核稿 (its return_targets)
    ("notice", "after_sign", "withdraw"),
    ("notice", "after_sign", "jump"),
    ("notice", "after_sign", "auto_return"),
    ("notice", "after_number", "withdraw"),
    ("notice", "after_number", "jump"),
    ("notice", "after_number", "auto_return"),
    ("notice", "after_seal", "withdraw"),
    ("notice", "after_seal", "jump"),
    ("notice", "after_seal", "auto_return"),
    ("request", "after_sign", "return"),
    ("request", "after_number", "withdraw"),
    ("request", "after_seal", "jump"),
    ("request", "after_seal", "auto_return"),
]


@pytest.mark.parametrize(("key", "position", "move"), CASES)
def test_the_document_follows_the_flow_back_and_the_flow_still_ends(
    people, key: str, position: str, move: str
) -> None:
    _needs_pdf(position)
    document = _advance_to(position, people, key)
    number_before = document.doc_number
    process = document.process
    _move(move, document, people)
    (target,) = {t.node_id for t in open_tasks(process)}
    document.refresh_from_db()
    assert document.state == STATE_AT[target], (position, move, target)
    taken_back = TraceEntry.objects.filter(process=process, action=TAKE_BACK_ACTION)
    assert taken_back.count() == 1
    assert taken_back.get().payload["from"] == POSITIONS[position][1]
    assert taken_back.get().payload["to"] == document.state
    if document.state == "reviewing":
        assert document.signer is None and document.signed_at is None
    assert document.doc_number == number_before  # a number once issued stays the document's

    steps = 0
    while not Process.objects.get(pk=process.pk).finished:
        act(process, people)
        steps += 1
        assert steps < 20, "the flow is stuck"
    document.refresh_from_db()
    assert document.state == "archived"
    assert document.signer is not None
    if number_before:
        assert document.doc_number == number_before
    assert IssuedNumber.objects.filter(document_id=document.pk).count() == 1


def test_a_dispatched_document_cannot_be_taken_back(people) -> None:
    _needs_pdf("after_seal")
    document = _advance_to("after_seal", people)
    act(document.process, people)  # 分发
    document.refresh_from_db()
    assert document.state == "dispatched"
    from gongwen.errors import GongwenError

    with pytest.raises(GongwenError):
        Jump(document.process, people["admin"], target="office_review", reason="x").execute()
    document.refresh_from_db()
    assert document.state == "dispatched"
    assert {t.node_id for t in open_tasks(document.process)} == {"archive"}


def test_a_jump_that_skips_the_signature_is_refused(people) -> None:
    document = drafted_notice(people)
    with pytest.raises(Exception) as caught:
        Jump(document.process, people["admin"], target="number", reason="跳过签发").execute()
    from gongwen.errors import GongwenError

    assert isinstance(caught.value, GongwenError)
    document.refresh_from_db()
    assert document.state == "reviewing"
    assert not any(t.node_id == "number" for t in open_tasks(document.process))

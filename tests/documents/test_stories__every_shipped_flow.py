"""Every shipped flow runs from start to end on the demo county with the real 公文 steps.

At every step the person the task is assigned to approves it; nobody is ever the system
administrator (no ``on_empty: to_admin`` fallback). 编号 takes the drafting organ's own series,
用印 finds that organ's seal. Without LibreOffice the 正文's PDF is a stand-in (the sample
公文 PDF), and the seal and PAdES signature are applied to it for real.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from gongwen.documents.actions import EditElements, SubmitDocument
from gongwen.documents.content import Paragraph
from gongwen.documents.document import sealing
from gongwen.documents.document.models import Document, FileRole
from gongwen.documents.lifecycle import DocumentState
from gongwen.documents.numbering.demo import DEMO_SERIES, ISSUING
from gongwen.documents.pdf import pdf_available
from gongwen.documents.seals.samples import sample_document_pdf
from gongwen.documents.services import create_document
from gongwen.org.demo import DEPARTMENTS
from gongwen.runtime.actions import Approve, StartProcess
from gongwen.runtime.models import Process, Task
from tests.documents.test_document__support import fresh_flow_classes, open_tasks, shipped
from tests.documents.test_seals__support import make_seal

__all__ = ["fresh_flow_classes"]

pytestmark = pytest.mark.usefixtures("fresh_flow_classes")

NAMES = {code: name for code, name, *_ in DEPARTMENTS}


@pytest.fixture
def people(demo) -> dict:
    return demo["users"]


@pytest.fixture
def seals():
    """Give every demo series that seals a seal (as ``create_test_ca`` does, with a test key)."""
    for code, dept in ISSUING:
        make_seal(organ_code=code, organ_name=NAMES[dept]).save()


@pytest.fixture
def pdf(monkeypatch):
    """Use a stand-in 正文 PDF when LibreOffice is missing (sealing itself runs for real)."""
    if pdf_available():
        return
    monkeypatch.setattr(sealing, "pdf_available", lambda: True)
    monkeypatch.setattr(sealing, "docx_to_pdf", lambda docx: sample_document_pdf())


def _form(key: str, people: dict) -> dict[str, Any]:
    common = {"summary": "事项说明。", "publicity": "not_public", "title": "标题"}
    return {
        "notice": {**common, "main_recipients": "各乡镇人民政府", "countersign": "no"},
        "request": {
            **common,
            "main_recipients": "qhx",
            "request_items": "申请防汛物资。",
            "amount": 800000,
        },
        "report": {
            **common,
            "main_recipients": "清河县人民政府",
            "report_type": "work",
            "period_start": "2026-01-01",
            "period_end": "2026-11-30",
        },
        "letter": {
            **common,
            "main_recipients": ["czj"],
            "letter_type": "enquiry",
            "needs_reply": "no",
        },
        "minutes": {
            "title": "县政府常务会议纪要",
            "meeting_name": "县政府第12次常务会议",
            "meeting_at": "2026-12-01T09:00:00+08:00",
            "chair": "chenming",
            "attendees": ["liuyang", "yangfan"],
            "topics": [{"topic": "冬季安全生产", "decision": "各单位落实责任。"}],
        },
        "incoming": {
            "source_organ": "清河县财政局",
            "source_number": "县财发〔2026〕3号",
            "title": "关于下达资金的通知",
            "received_at": "2026-12-01T09:00:00+08:00",
            "scan": ["scan-1"],
            "needs_handling": "handle",
            "handler": "xugang",
            "readers": ["wujing"],
        },
    }[key]


_CLOSING = {
    "通知": "特此通知。",
    "请示": "妥否，请批示。",
    "报告": "特此报告。",
    "函": "请予函复。",
    "纪要": "会议议定以上事项。",
}


def _draft(process: Process, drafter: Any, key: str) -> Document:
    """Create the 公文, fill its 要素 as a drafter would and submit it (收文: created only)."""
    document = create_document(process, subject="做好冬季安全生产工作")
    if key == "incoming":
        return document
    organ = NAMES[_organ(document)]
    kind = document.kind
    changes = {
        "organ_name": organ,
        "signature_organ": organ,
        "title": f"{organ}关于做好冬季安全生产工作的{kind}",
        "main_recipients": ("清河县人民政府",) if document.direction == "up" else ("各有关单位",),
        "note": "（联系人：黄敏，电话：1234567）" if kind == "请示" else "",
        "body": (
            Paragraph("为做好冬季安全生产工作，现将有关事项说明如下。"),
            Paragraph(_CLOSING[kind]),
        ),
    }
    EditElements(document, drafter, changes).execute()
    SubmitDocument(document, drafter).execute()
    document.refresh_from_db()
    return document


def _organ(document: Document) -> str:
    from gongwen.org.queries import organ_of

    return organ_of(document.department).code


def _drive(process: Process, people: dict) -> list[tuple[str, str]]:
    """Approve every open person's task as its assignee until the process ends."""
    steps = []
    for _ in range(60):
        if Process.objects.get(pk=process.pk).finished:
            return steps
        task = next(t for t in open_tasks(process) if t.owner_id)
        steps.append((task.node_id, task.owner.username))
        node = process.flow_class.spec.nodes[task.node_id]
        required = {name: "同意" for name, access in node.fields.items() if access == "required"}
        Approve(task, people[task.owner.username], opinion="同意", data=required).execute()
    raise AssertionError(f"the process did not end: {steps}")


def _run(key: str, drafter: str, people: dict) -> tuple[Process, Document, list]:
    spec = shipped(key)
    data = _form(key, people)
    result = StartProcess(spec, people[drafter], title=data["title"], data=data).execute()
    process = Process.objects.get(pk=result.process_id)
    document = _draft(process, people[drafter], key)
    steps = _drive(process, people)
    document.refresh_from_db()
    assert not Task.objects.filter(process=process, owner__username="admin").exists(), steps
    assert Process.objects.get(pk=process.pk).outcome == "completed"
    assert document.state == DocumentState.ARCHIVED
    return process, document, steps


OUTGOING = [("notice", "县政办发"), ("request", "县政办呈"), ("report", "县政办呈")]


@pytest.mark.parametrize(("key", "series"), OUTGOING)
def test_a_shipped_outgoing_flow_runs_to_the_archive_with_real_people(
    key, series, people, seals, pdf
) -> None:
    _process, document, steps = _run(key, "huangmin", people)
    nodes = [node for node, _ in steps]
    assert nodes[-4:] == ["number", "seal", "dispatch", "archive"]
    assert re.fullmatch(rf"{series}〔20\d\d〕[1-9]\d*号", document.doc_number)
    assert document.signer is not None and document.signer.username != "admin"
    assert document.files.filter(role=FileRole.SEALED_PDF).exists()


def test_the_request_above_500000_is_signed_by_the_offices_principal(people, seals, pdf) -> None:
    _process, document, steps = _run("request", "huangmin", people)
    signer = dict(steps)["principal_sign"]
    # 陈明 (主任) is the 县政府办's principal; his 委托 to 刘洋 routes the task to the deputy
    assert signer in {"chenming", "liuyang"}
    assert document.signer.username in {"chenming", "liuyang"}


DRAFTERS = [
    ("huangmin", "县政办函"),
    ("zhoujie", "县委办函"),
    ("hanbing", "县发改函"),
    ("zengyi", "县财函"),
    ("jiangtao", "县教函"),
    ("gaojing", "县档函"),
]


@pytest.mark.parametrize(("drafter", "series"), DRAFTERS)
def test_each_organ_numbers_and_seals_its_letter_in_its_own_series(
    drafter, series, people, seals, pdf
) -> None:
    _process, document, _steps = _run("letter", drafter, people)
    assert document.organ_code == series
    assert document.doc_number.startswith(f"{series}〔")
    assert document.issued_number.series.key == series


def test_the_minutes_are_signed_by_the_chair_and_numbered_without_a_seal(people, seals, pdf):
    _process, document, steps = _run("minutes", "huangmin", people)
    assert ("sign", "chenming") in steps or ("sign", "liuyang") in steps
    assert document.doc_number.startswith("县政办纪〔")


def test_incoming_is_registered_without_signing_then_handled_and_archived(people) -> None:
    _process, document, steps = _run("incoming", "mahui", people)
    assert steps[0] == ("register", "mahui")
    assert document.signer is None
    assert document.issued_number.series.key == "县政办收"
    assert document.doc_number == ""  # the sender's number is not overwritten


def test_every_demo_series_that_issues_documents_has_a_seal_from_the_test_ca() -> None:
    issuing = {code for code, _ in ISSUING}
    assert issuing == {code for code, *_ in DEMO_SERIES if not code.endswith("收")}

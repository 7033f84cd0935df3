"""Refused 公文 steps change nothing: a signer who is not the 签发人, a numbering that fails
half-way (no number consumed), a seal step without PDF conversion."""

from __future__ import annotations

import pytest

from gongwen.documents import steps
from gongwen.documents.document import sealing
from gongwen.documents.document.exceptions import FormatCheckFailed, NotAllowed
from gongwen.documents.document.models import Document, DocumentFile
from gongwen.documents.lifecycle import DocumentState
from gongwen.documents.numbering.models import IssuedNumber, SeriesCounter
from gongwen.runtime.models import Process
from tests.documents.test_document__support import (
    act,
    drafted_notice,
    fresh_flow_classes,
    open_tasks,
)
from tests.runtime.helpers import snapshot

__all__ = ["fresh_flow_classes"]

pytestmark = pytest.mark.usefixtures("fresh_flow_classes")


@pytest.fixture
def people(demo) -> dict:
    return demo["users"]


def _to(node_id: str, people: dict) -> Document:
    document = drafted_notice(people)
    while open_tasks(document.process)[0].node_id != node_id:
        act(document.process, people)
    return Document.objects.get(pk=document.pk)


def _document_rows() -> list:
    return [
        list(Document.objects.order_by("pk").values()),
        list(DocumentFile.objects.order_by("pk").values()),
        list(IssuedNumber.objects.order_by("pk").values()),
        list(SeriesCounter.objects.order_by("pk").values()),
    ]


def test_signing_by_someone_who_is_not_the_designated_signer_is_refused(people) -> None:
    document = _to("sign", people)
    designated = people["huangmin"]
    Document.objects.filter(pk=document.pk).update(signer=designated)
    (task,) = open_tasks(document.process)
    assert task.owner != designated
    before = snapshot(), _document_rows()
    with pytest.raises(NotAllowed, match="签发人"):
        act(document.process, people, node_id="sign")
    assert (snapshot(), _document_rows()) == before


def test_signing_a_document_with_format_errors_is_refused_with_every_problem(people) -> None:
    document = _to("sign", people)
    Document.objects.filter(pk=document.pk).update(title="关于某事。", main_recipients=[])
    before = snapshot(), _document_rows()
    with pytest.raises(FormatCheckFailed) as refused:
        act(document.process, people, node_id="sign")
    codes = {p.code for p in refused.value.problems}
    assert {"title.punctuation.trailing", "title.kind_suffix", "main_recipients.required"} <= codes
    assert (snapshot(), _document_rows()) == before


def test_signing_records_the_signer_and_the_date(people) -> None:
    document = _to("sign", people)
    (task,) = open_tasks(document.process)
    act(document.process, people, node_id="sign")
    document.refresh_from_db()
    assert (document.state, document.signer) == (DocumentState.SIGNED, task.owner)
    assert document.date is not None and document.signed_at is not None


def test_a_numbering_that_fails_after_taking_a_number_consumes_none(people, monkeypatch) -> None:
    document = _to("number", people)
    real_allocate = steps.allocate

    def allocate_then_fail(*args, **kwargs):
        real_allocate(*args, **kwargs)
        raise RuntimeError("the registrar's session broke")

    monkeypatch.setattr(steps, "allocate", allocate_then_fail)
    before = snapshot(), _document_rows()
    with pytest.raises(RuntimeError):
        act(document.process, people, node_id="number")
    assert (snapshot(), _document_rows()) == before
    assert not IssuedNumber.objects.exists()

    monkeypatch.setattr(steps, "allocate", real_allocate)
    act(document.process, people, node_id="number")
    document.refresh_from_db()
    assert document.state == DocumentState.NUMBERED
    assert document.issued_number.sequence == 1  # the failed attempt left no gap


def test_sealing_without_pdf_conversion_says_so_and_changes_nothing(people, monkeypatch) -> None:
    document = _to("seal", people)
    monkeypatch.setattr(sealing, "pdf_available", lambda: False)
    before = snapshot(), _document_rows()
    with pytest.raises(sealing.SealingUnavailable, match="PDF conversion is unavailable"):
        act(document.process, people, node_id="seal")
    assert (snapshot(), _document_rows()) == before
    assert Document.objects.get(pk=document.pk).state == DocumentState.NUMBERED
    assert not Process.objects.get(pk=document.process_id).finished


def test_a_document_flow_without_its_document_stops_at_the_number_step(people) -> None:
    from gongwen.documents.document.exceptions import MissingDocument
    from gongwen.runtime.actions import StartProcess
    from tests.documents.test_document__support import shipped
    from tests.forms.samples import sample

    spec = shipped("notice")
    result = StartProcess(
        spec, people["huangmin"], title="关于无正文的通知", data=sample("notice")
    ).execute()
    process = Process.objects.get(pk=result.process_id)
    while open_tasks(process)[0].node_id != "number":
        act(process, people)
    before = snapshot(), _document_rows()
    with pytest.raises(MissingDocument):
        act(process, people, node_id="number")
    assert (snapshot(), _document_rows()) == before


def test_a_return_from_numbering_reopens_review_and_the_document_is_signed_again(people) -> None:
    from gongwen.runtime.actions import ReturnTo

    document = _to("number", people)
    task = open_tasks(document.process)[0]
    ReturnTo(task, people[task.owner.username], target="office_review", opinion="请核").execute()
    document.refresh_from_db()
    assert (document.state, document.signer) == (DocumentState.REVIEWING, None)
    act(document.process, people, node_id="office_review")
    sign_task = next(t for t in open_tasks(document.process) if t.node_id == "sign")
    act(document.process, people, node_id="sign")
    act(document.process, people, node_id="number")
    document.refresh_from_db()
    assert (document.state, document.signer) == (DocumentState.NUMBERED, sign_task.owner)
    assert document.issued_number.sequence == 1

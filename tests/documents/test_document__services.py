"""Creating, editing, checking and submitting a 公文; archived documents never change."""

from __future__ import annotations

import pytest

from gongwen.documents.content import Paragraph
from gongwen.documents.document.exceptions import (
    DocumentLocked,
    FormatCheckFailed,
    NotAllowed,
)
from gongwen.documents.document.models import Document
from gongwen.documents.kinds import Kind, Secrecy
from gongwen.documents.lifecycle import DocumentState
from gongwen.documents.services import (
    create_document,
    submit,
    submit_check,
    update_elements,
)
from gongwen.runtime.actions import StartProcess
from gongwen.runtime.models import Process
from tests.documents.test_document__support import (
    drafted_notice,
    fresh_flow_classes,
    shipped,
)
from tests.forms.samples import sample

__all__ = ["fresh_flow_classes"]

pytestmark = pytest.mark.usefixtures("fresh_flow_classes")


@pytest.fixture
def people(demo) -> dict:
    return demo["users"]


@pytest.fixture
def draft(people) -> Document:
    spec = shipped("notice")
    result = StartProcess(
        spec, people["huangmin"], title="关于冬季防火的通知", data=sample("notice")
    ).execute()
    return create_document(Process.objects.get(pk=result.process_id), subject="冬季防火")


def test_a_new_document_starts_from_its_flows_template_and_settings(draft: Document) -> None:
    assert draft.state == DocumentState.DRAFT
    assert (draft.kind, draft.organ_code, draft.secrecy) == ("通知", "县政办发", "内部")
    assert draft.title.endswith("冬季防火的通知")
    assert draft.body, "the template's body skeleton"
    elements = draft.to_elements()
    assert (elements.kind, elements.secrecy) == (Kind.NOTICE, Secrecy.INTERNAL)
    assert elements.doc_number == "" and elements.signers == ()
    assert draft.department is not None


def test_one_document_per_process(draft: Document) -> None:
    with pytest.raises(Exception):  # noqa: B017 (the database's unique constraint)
        from django.db import transaction

        with transaction.atomic():
            create_document(draft.process, subject="again")
    assert Document.objects.filter(process=draft.process).count() == 1


def test_only_the_drafter_edits_a_draft(draft: Document, people) -> None:
    with pytest.raises(NotAllowed):
        update_elements(draft, people["chenming"], title="关于别的事的通知")
    update_elements(draft, people["huangmin"], title="关于冬季防火工作的通知")
    assert Document.objects.get(pk=draft.pk).title == "关于冬季防火工作的通知"


def test_the_number_and_signer_are_not_editable_by_people(draft: Document, people) -> None:
    with pytest.raises(NotAllowed, match="doc_number"):
        update_elements(draft, people["huangmin"], doc_number="县政办发〔2026〕1号")
    assert Document.objects.get(pk=draft.pk).doc_number == ""


def test_submission_lists_every_error_and_keeps_the_draft(draft: Document, people) -> None:
    with pytest.raises(FormatCheckFailed) as refused:
        submit(draft, people["huangmin"])
    fields = {p.field for p in refused.value.problems}
    assert {"organ_name", "signature_organ"} <= fields
    assert not fields & {"doc_number", "signers", "date"}, "filled later by the lifecycle"
    assert Document.objects.get(pk=draft.pk).state == DocumentState.DRAFT


def test_a_clean_draft_is_submitted_and_reviewers_may_edit_it(people) -> None:
    document = drafted_notice(people)
    assert document.state == DocumentState.REVIEWING
    assert [p for p in submit_check(document) if p.severity == "error"] == []
    with pytest.raises(NotAllowed):
        update_elements(document, people["huangmin"], note="（联系人：黄敏）")  # not at a task
    reviewer = document.process.task_set.get(node_id="section_review").owner
    update_elements(document, reviewer, body=(Paragraph("修改后的正文。"),))
    assert Document.objects.get(pk=document.pk).body[0]["text"] == "修改后的正文。"


def test_a_signed_document_cannot_be_edited(people) -> None:
    document = drafted_notice(people)
    Document.objects.filter(pk=document.pk).update(state=DocumentState.SIGNED)
    with pytest.raises(DocumentLocked):
        update_elements(document, people["huangmin"], title="关于改动的通知")


def test_an_archived_document_refuses_every_change(people) -> None:
    document = drafted_notice(people)
    Document.objects.filter(pk=document.pk).update(state=DocumentState.ARCHIVED)
    document.refresh_from_db()
    document.title = "关于篡改的通知"
    with pytest.raises(DocumentLocked):
        document.save()
    with pytest.raises(DocumentLocked):
        document.delete()
    assert Document.objects.get(pk=document.pk).title != "关于篡改的通知"


@pytest.mark.parametrize(
    "change",
    [
        {"secrecy": "绝绝密"},
        {"title": "长" * 201},
        {"body": "not blocks"},
        {"kind": "便条"},
    ],
)
def test_bad_element_values_are_refused_and_nothing_changes(draft, people, change) -> None:
    from gongwen.documents.document.exceptions import InvalidElements

    before = Document.objects.filter(pk=draft.pk).values().get()
    with pytest.raises(InvalidElements):
        update_elements(draft, people["huangmin"], **change)
    assert Document.objects.filter(pk=draft.pk).values().get() == before

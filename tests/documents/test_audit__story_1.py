"""Story 1 through the kernel's actions writes an audit event for every change of the 公文.

The shipped 通知 is started by StartDocument, its 要素 edited by EditElements, submitted by
SubmitDocument, then every task is approved by its assignee: 签发, 编号, 用印, 分发 and 归档
run the real 公文 steps (a stand-in 正文 PDF when LibreOffice is missing; the seal is applied
for real). The documents layer's audit events come in the order of the story, each carrying
what it did, and ``manage.py verify_audit`` finds the chain intact.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command

from gongwen.audit.models import AuditEvent
from gongwen.documents.actions import EditElements, StartDocument, SubmitDocument
from gongwen.documents.content import Paragraph
from gongwen.documents.document import sealing
from gongwen.documents.document.models import Document, DocumentFile
from gongwen.documents.lifecycle import DocumentState
from gongwen.documents.numbering.demo import ISSUING
from gongwen.documents.pdf import pdf_available
from gongwen.documents.seals.samples import sample_document_pdf
from gongwen.org.demo import DEPARTMENTS
from gongwen.runtime.models import Process, TraceEntry
from tests.documents.test_document__support import ORGAN, act, fresh_flow_classes, shipped
from tests.documents.test_seals__support import make_seal
from tests.forms.samples import sample

__all__ = ["fresh_flow_classes"]

pytestmark = pytest.mark.usefixtures("fresh_flow_classes")

NAMES = {code: name for code, name, *_ in DEPARTMENTS}

STORY = [
    "gongwen.document.start",
    "gongwen.document.edit",
    "gongwen.document.submit",
    "gongwen.document.sign",
    "gongwen.document.number",
    "gongwen.document.seal",
    "gongwen.document.dispatch",
    "gongwen.document.archive",
]


@pytest.fixture
def people(demo) -> dict:
    return demo["users"]


@pytest.fixture
def pdf(monkeypatch):
    """Use a stand-in 正文 PDF when LibreOffice is missing (sealing itself runs for real)."""
    for code, dept in ISSUING:
        make_seal(organ_code=code, organ_name=NAMES[dept]).save()
    if not pdf_available():
        monkeypatch.setattr(sealing, "pdf_available", lambda: True)
        monkeypatch.setattr(sealing, "docx_to_pdf", lambda docx: sample_document_pdf())


def _story_1(people: dict) -> Document:
    shipped("notice")
    drafter = people["huangmin"]
    title = "关于做好冬季安全生产工作的通知"
    started = StartDocument("notice", drafter, title=title, data=sample("notice")).execute()
    document = Document.objects.get(process_id=started.process_id)
    changes = {
        "organ_name": ORGAN,
        "signature_organ": ORGAN,
        "title": f"{ORGAN}{title}",
        "main_recipients": ("各乡镇人民政府", "县政府各部门"),
        "cc": ("县委办公室",),
        "body": (
            Paragraph("为切实做好今冬明春安全生产工作，现就有关事项通知如下。"),
            Paragraph("特此通知。"),
        ),
    }
    EditElements(document, drafter, changes).execute()
    SubmitDocument(document, drafter).execute()
    process = document.process
    for _ in range(30):
        if Process.objects.get(pk=process.pk).finished:
            break
        act(process, people)
    document.refresh_from_db()
    return document


def test_every_change_of_the_notice_is_audited_in_story_order(people, pdf, capsys) -> None:
    document = _story_1(people)
    assert document.state == DocumentState.ARCHIVED
    events = list(AuditEvent.objects.filter(action__startswith="gongwen.document.").order_by("seq"))
    assert [e.action for e in events] == STORY
    assert {e.payload["process"] for e in events} == {document.process_id}
    assert {e.payload["document"] for e in events if e.action != STORY[0]} == {document.pk}
    by_action = {e.action: e for e in events}
    assert by_action["gongwen.document.edit"].payload["fields"] == [
        "body",
        "cc",
        "main_recipients",
        "organ_name",
        "signature_organ",
        "title",
    ]
    assert by_action["gongwen.document.sign"].actor == document.signer
    numbered = by_action["gongwen.document.number"].payload
    assert (numbered["number"], numbered["kept"]) == (document.doc_number, False)
    stored = {f.pk: f.sha256 for f in DocumentFile.objects.filter(document=document)}
    sealed = by_action["gongwen.document.seal"].payload["files"]
    assert {f["id"]: f["sha256"] for f in sealed.values()} == stored
    dispatched = by_action["gongwen.document.dispatch"].payload
    assert dispatched["main_recipients"] == ["各乡镇人民政府", "县政府各部门"]
    assert set(by_action["gongwen.document.archive"].payload["files"].values()) == set(
        stored.values()
    )
    # each is a trace row of the process too, with the same code
    traced = TraceEntry.objects.filter(process=document.process, action__in=STORY)
    assert sorted(traced.values_list("action", flat=True)) == sorted(STORY)
    call_command("verify_audit")
    assert "audit chain intact" in capsys.readouterr().out


def test_a_refused_edit_writes_no_event(people, pdf) -> None:
    shipped("notice")
    started = StartDocument(
        "notice", people["huangmin"], title="关于测试的通知", data=sample("notice")
    ).execute()
    document = Document.objects.get(process_id=started.process_id)
    before = AuditEvent.objects.count()
    from gongwen.documents.document.exceptions import NotAllowed

    with pytest.raises(NotAllowed):
        EditElements(document, people["wujing"], {"title": "改"}).execute()
    assert AuditEvent.objects.count() == before

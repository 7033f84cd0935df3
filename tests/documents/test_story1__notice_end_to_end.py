"""Seed story 1 on the shipped 通知 with the real 公文 step handlers, through the Python API.

Drafted by a section, reviewed by the section head and the office, signed by the deputy,
numbered, sealed (PDF signed and verified), dispatched, archived — and later found by number.
"""

from __future__ import annotations

import os
import re

import pytest

from gongwen.documents.document.models import Document, FileRole
from gongwen.documents.lifecycle import DocumentState
from gongwen.documents.pdf import pdf_available
from gongwen.documents.seals.verification import VerificationStatus, verify_pdf
from gongwen.documents.services import find_by_number
from gongwen.runtime.models import Process
from tests.documents.test_document__support import act, drafted_notice, fresh_flow_classes
from tests.documents.test_seals__support import make_seal, pki

__all__ = ["fresh_flow_classes"]

pytestmark = pytest.mark.usefixtures("fresh_flow_classes")


@pytest.fixture
def people(demo) -> dict:
    return demo["users"]


def _needs_pdf() -> None:
    if not pdf_available():
        if os.environ.get("CI"):
            pytest.fail("LibreOffice must be installed under CI (the seal step needs a PDF)")
        pytest.skip("LibreOffice is not installed: the seal step cannot render the PDF")


def test_story_1_notice_goes_from_draft_to_archive_and_is_found_by_number(people) -> None:
    _needs_pdf()
    make_seal().save()
    document = drafted_notice(people)
    assert document.state == DocumentState.REVIEWING
    process = document.process
    states = []
    while not Process.objects.get(pk=process.pk).finished:
        task, _ = act(process, people)
        states.append((task.node_id, Document.objects.get(pk=document.pk).state))
    assert states == [
        ("section_review", "reviewing"),
        ("office_review", "reviewing"),
        ("sign", "signed"),
        ("number", "numbered"),
        ("seal", "sealed"),
        ("dispatch", "dispatched"),
        ("archive", "archived"),
    ]
    document.refresh_from_db()
    assert re.fullmatch(r"县政办发〔20\d\d〕[1-9]\d*号", document.doc_number)
    assert document.issued_number.text == document.doc_number
    sign_task = process.task_set.get(node_id="sign")
    assert document.signer == sign_task.owner
    assert document.distribution["main_recipients"] == ["各乡镇人民政府", "县政府各部门"]
    assert document.distribution["cc"] == ["县委办公室"]
    sealed = document.files.get(role=FileRole.SEALED_PDF)
    result = verify_pdf(sealed.file.read(), trust_roots=[pki().root])
    assert result.status == VerificationStatus.VALID, result.details
    assert result.signer == str(document.signer)
    assert {f.role for f in document.files.all()} == {"body_docx", "pdf", "sealed_pdf"}
    assert find_by_number(document.doc_number) == document
    assert find_by_number("县政办发〔1999〕1号") is None

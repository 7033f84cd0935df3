"""Attachments: size limit, allow-listed types sniffed from the content, SHA-256 stored.

A refused upload raises a clear error and stores nothing (no row, no file).
"""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest

from gongwen.documents.document.exceptions import DocumentLocked, FileRejected
from gongwen.documents.document.models import DocumentFile, FileRole
from gongwen.documents.elements import Attachment
from gongwen.documents.files import attach_file, check_upload, sniff
from gongwen.documents.lifecycle import DocumentState
from gongwen.documents.rendering import render_docx
from tests.documents.test_document__support import drafted_notice, fresh_flow_classes

__all__ = ["fresh_flow_classes"]

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


XLSX = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
OFD = _zip({"OFD.xml": b"<ofd:OFD/>", "Doc_0/Document.xml": b"<Document/>"})


@pytest.fixture
def docx_bytes() -> bytes:
    from gongwen.documents.templates import start_draft

    return render_docx(start_draft("通知", subject="测试", organ="清河县人民政府办公室"))


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("a.pdf", PDF, "application/pdf"),
        ("a.png", PNG, "image/png"),
        ("照片.JPG", JPEG, "image/jpeg"),
        ("table.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("layout.ofd", OFD, "application/ofd"),
        ("readme.txt", "说明\n第二行".encode(), "text/plain"),
    ],
)
def test_allowed_types_are_recognised_by_their_content(name, data, expected) -> None:
    assert check_upload(name, data) == expected


def test_a_docx_is_recognised_by_its_word_part(docx_bytes: bytes) -> None:
    assert sniff(docx_bytes).endswith("wordprocessingml.document")
    assert check_upload("正文.docx", docx_bytes) == sniff(docx_bytes)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("report.pdf", PNG),  # a picture named .pdf
        ("photo.png", PDF),
        ("sheet.xlsx", OFD),  # zip of the wrong kind
        ("notes.txt", b"\x00\x01binary"),
        ("virus.exe", b"MZ\x90\x00"),  # not on the allow-list
        ("doc.docx", XLSX),
        ("no_extension", PDF),
    ],
)
def test_content_that_does_not_match_the_extension_is_refused(name, data) -> None:
    with pytest.raises(FileRejected):
        check_upload(name, data)


def test_zip_bombs_are_refused_whatever_they_are_called() -> None:
    bomb = {"[Content_Types].xml": b"<Types/>", "payload.bin": b"\x00" * (3 * 1024 * 1024)}
    with pytest.raises(FileRejected, match="zip bomb"):
        check_upload("big.xlsx", _zip({**bomb, "xl/workbook.xml": b"<w/>"}))
    with pytest.raises(FileRejected, match="zip bomb"):
        check_upload("big.docx", _zip({**bomb, "word/document.xml": b"<w/>"}))


def test_oversized_and_empty_uploads_are_refused(settings) -> None:
    settings.GONGWEN = {"UPLOAD_MAX_BYTES": 100}
    with pytest.raises(FileRejected, match="too large"):
        check_upload("a.pdf", PDF + b"x" * 100)
    with pytest.raises(FileRejected, match="empty"):
        check_upload("a.pdf", b"")


@pytest.mark.usefixtures("fresh_flow_classes")
def test_attachment_is_stored_with_size_sha256_and_sniffed_type(demo, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    people = demo["users"]
    document = drafted_notice(people)
    stored = attach_file(document, "../../etc/附件1.pdf", PDF, by=people["huangmin"])
    assert (stored.name, stored.size, stored.content_type) == (
        "附件1.pdf",
        len(PDF),
        "application/pdf",
    )
    assert stored.sha256 == hashlib.sha256(PDF).hexdigest()
    assert stored.file.read() == PDF
    assert str(tmp_path) in stored.file.path
    assert document.to_elements().attachments == (
        Attachment(name="附件1.pdf", sha256=stored.sha256),
    )

    before = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    with pytest.raises(FileRejected, match="does not match"):
        attach_file(document, "附件2.pdf", PNG, by=people["huangmin"])
    assert DocumentFile.objects.filter(document=document).count() == 1
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == before


@pytest.mark.usefixtures("fresh_flow_classes")
def test_attachments_cannot_change_once_signed(demo, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    document = drafted_notice(demo["users"])
    document.state = DocumentState.SIGNED
    document.save(update_fields=["state"])
    with pytest.raises(DocumentLocked):
        attach_file(document, "late.pdf", PDF, by=demo["users"]["huangmin"])
    assert not DocumentFile.objects.filter(document=document, role=FileRole.ATTACHMENT).exists()

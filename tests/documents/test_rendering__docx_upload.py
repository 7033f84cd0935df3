"""An uploaded DOCX becomes the body; unsafe or wrong files get a clear error."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document

from gongwen.documents.content import ListBlock, Paragraph, Table
from gongwen.documents.kinds import Kind
from gongwen.documents.rendering import UploadError, render_docx
from gongwen.documents.rendering.upload import MAX_MEMBER_BYTES, body_from_docx
from tests.fixtures.documents.samples import sample_elements


def _word_docx() -> bytes:
    document = Document()
    document.add_heading("一、总体要求", level=1)
    document.add_paragraph("（一）明确责任")
    document.add_paragraph("正文第一段。")
    document.add_paragraph("第一项", style="List Number")
    document.add_paragraph("第二项", style="List Number")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "事项", "时限"
    table.cell(1, 0).text, table.cell(1, 1).text = "清理", "12月"
    document.add_paragraph("")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _rezip(data: bytes, extra: dict[str, bytes] | None = None, drop: str = "") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            if item.filename != drop:
                dst.writestr(item, src.read(item))
        for name, content in (extra or {}).items():
            dst.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_paragraphs_headings_lists_and_tables_are_read_in_order() -> None:
    body = body_from_docx(_word_docx(), "正文.docx")
    assert body == (
        Paragraph("一、总体要求", level=1),
        Paragraph("（一）明确责任", level=2),
        Paragraph("正文第一段。"),
        ListBlock(items=("第一项", "第二项")),
        Table(rows=(("事项", "时限"), ("清理", "12月"))),
    )


def test_a_rendered_document_reads_back_with_its_heading_levels() -> None:
    body = body_from_docx(render_docx(sample_elements(Kind.NOTICE)))
    levels = {b.text: b.level for b in body if isinstance(b, Paragraph)}
    assert levels["一、总体要求"] == 1 and levels["（一）明确责任分工"] == 2


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"%PDF-1.7 not a docx", "a.docx", "not a .docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "a.docx", "97–2003"),
        (b"PK\x03\x04 truncated", "a.docx", "not a valid"),
        (b"", "a.docx", "not a .docx"),
    ],
)
def test_files_that_are_not_docx_are_refused(data, filename, message) -> None:
    with pytest.raises(UploadError, match=message):
        body_from_docx(data, filename)


def test_a_wrong_extension_is_refused() -> None:
    with pytest.raises(UploadError, match=r"Only \.docx"):
        body_from_docx(_word_docx(), "正文.exe")


def test_a_zip_without_word_document_is_refused() -> None:
    with pytest.raises(UploadError, match=r"not a \.docx"):
        body_from_docx(_rezip(_word_docx(), drop="word/document.xml"))


def test_macros_are_refused() -> None:
    with pytest.raises(UploadError, match="macros"):
        body_from_docx(_rezip(_word_docx(), {"word/vbaProject.bin": b"\0" * 64}))


def test_a_zip_bomb_is_refused_before_inflating() -> None:
    bomb = _rezip(_word_docx(), {"word/media/bomb.bin": b"\0" * (20 * 1024 * 1024)})
    assert len(bomb) < 200_000
    with pytest.raises(UploadError, match="zip bomb"):
        body_from_docx(bomb)


def test_an_oversized_member_is_refused() -> None:
    big = _rezip(
        _word_docx(), {"word/media/big.bin": bytes(range(256)) * (MAX_MEMBER_BYTES // 256 + 1)}
    )
    with pytest.raises(UploadError, match="zip bomb"):
        body_from_docx(big)


def test_a_file_over_the_upload_limit_is_refused(settings) -> None:
    settings.GONGWEN = {"UPLOAD_MAX_BYTES": 1000}
    with pytest.raises(UploadError, match="too large"):
        body_from_docx(_word_docx())


def test_a_broken_document_part_is_a_clear_error() -> None:
    data = _rezip(_word_docx(), drop="word/document.xml")
    data = _rezip(data, {"word/document.xml": b"<w:document><unclosed"})
    with pytest.raises(UploadError, match="could not be read"):
        body_from_docx(data)

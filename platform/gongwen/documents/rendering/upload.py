"""``body_from_docx``: an uploaded DOCX read back as structured 正文, after safety checks.

The upload is checked as a zip before python-docx sees it (docs/documents/rendering.md
"Uploaded bodies"): a real zip with ``word/document.xml``; at most :data:`MAX_MEMBERS`
members; no member larger than :data:`MAX_MEMBER_BYTES` and not more than
:data:`MAX_TOTAL_BYTES` uncompressed in all (zip bombs); no member compressed more than
:data:`MAX_RATIO` to 1; no encrypted members; no macros (``vbaProject.bin`` or a
macro-enabled content type). zipfile never inflates a member past its declared size, so the
declared sizes checked here bound the work.
"""

from __future__ import annotations

import io
import re
import zipfile

from django.utils.translation import gettext as _
from docx import Document
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from gongwen.conf import gongwen_settings
from gongwen.documents.content import Block, Body, ListBlock, Paragraph, Table
from gongwen.documents.rendering.exceptions import UploadError
from gongwen.documents.rendering.text import MAX_BLOCKS, clean

MAX_MEMBERS = 1_000
MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100
_RATIO_FLOOR = 1024 * 1024  # small members may compress well (e.g. repetitive XML)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# GB/T 9704 heading numbers typed by the drafter: 一、 （一） 1. （1）
_LEVEL_PATTERNS = (
    (1, re.compile(r"^[一二三四五六七八九十百]+、")),
    (2, re.compile(r"^[（(][一二三四五六七八九十百]+[）)]")),
    (3, re.compile(r"^\d+[.．]")),
    (4, re.compile(r"^[（(]\d+[）)]")),
)
_HEADING_LINE = 40  # a numbered line longer than this is a body paragraph, not a heading


def body_from_docx(data: bytes, filename: str | None = None) -> Body:
    """Return the paragraphs, headings, lists and tables of an uploaded DOCX as a body.

    Raises:
        UploadError: the file is not a DOCX, is unsafe (zip bomb, macros) or unreadable.
    """
    if filename is not None and not filename.lower().endswith(".docx"):
        raise UploadError(_("Only .docx files can be used as the body."))
    check_docx_archive(data)
    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for broken parts
        raise UploadError(_("The file could not be read as a Word document.")) from exc
    blocks = _blocks(document)
    if len(blocks) > MAX_BLOCKS:
        raise UploadError(_("The document has too many paragraphs."))
    return tuple(blocks)


def check_docx_archive(data: bytes) -> None:
    """Raise :class:`UploadError` unless ``data`` is a safe DOCX zip (see module doc)."""
    if not isinstance(data, bytes | bytearray):
        raise UploadError(_("The upload is empty."))
    if len(data) > gongwen_settings.UPLOAD_MAX_BYTES:
        raise UploadError(_("The file is too large."))
    if data.startswith(_OLE_MAGIC):
        raise UploadError(_("This is an old Word 97–2003 (.doc) file; save it as .docx."))
    if not data.startswith(b"PK\x03\x04"):
        raise UploadError(_("The file is not a .docx document."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_members(archive.infolist())
            content_types = archive.read("[Content_Types].xml")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, EOFError) as exc:
        raise UploadError(_("The file is not a valid .docx document.")) from exc
    if b"macroEnabled" in content_types:
        raise UploadError(_("Documents with macros are not accepted."))


def _check_members(members: list[zipfile.ZipInfo]) -> None:
    names = {m.filename for m in members}
    if len(members) > MAX_MEMBERS:
        raise UploadError(_("The file is not a valid .docx document."))
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise UploadError(_("The file is not a .docx document."))
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise UploadError(_("Documents with macros are not accepted."))
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise UploadError(_("Encrypted documents are not accepted."))
        ratio = member.file_size / max(member.compress_size, 1)
        too_big = member.file_size > MAX_MEMBER_BYTES
        if too_big or (member.file_size > _RATIO_FLOOR and ratio > MAX_RATIO):
            raise UploadError(_("The file expands to too much data (a zip bomb?)."))
        total += member.file_size
    if total > MAX_TOTAL_BYTES:
        raise UploadError(_("The file expands to too much data (a zip bomb?)."))


def _blocks(document: Document) -> list[Block]:
    blocks: list[Block] = []
    items: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, DocxParagraph) and _is_list_item(item):
            items.append(clean(item.text).strip())
            continue
        if items:
            blocks.append(ListBlock(items=tuple(items)))
            items = []
        block = _paragraph(item) if isinstance(item, DocxParagraph) else _table(item)
        if block is not None:
            blocks.append(block)
    if items:
        blocks.append(ListBlock(items=tuple(items)))
    return blocks


def _is_list_item(paragraph: DocxParagraph) -> bool:
    """Return whether ``paragraph`` is numbered or bulleted (directly or by a List style)."""
    if not paragraph.text.strip():
        return False
    ppr = paragraph._p.pPr
    style = paragraph.style.name if paragraph.style is not None else ""
    return (ppr is not None and ppr.numPr is not None) or (style or "").startswith("List")


def _paragraph(paragraph: DocxParagraph) -> Paragraph | None:
    text = clean(paragraph.text).strip()
    if not text:
        return None
    return Paragraph(text=text, level=_level(paragraph, text))


def _level(paragraph: DocxParagraph, text: str) -> int:
    """Return the heading level: outline level, then Heading style, then typed numbering."""
    ppr = paragraph._p.pPr
    outline = ppr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}outlineLvl"
    ) if ppr is not None else None  # fmt: skip
    if outline is not None:
        value = outline.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val")
        if value is not None and value.isdigit() and int(value) < 4:
            return int(value) + 1
    style = paragraph.style.name if paragraph.style is not None else ""
    match = re.fullmatch(r"[Hh]eading ([1-4])", style or "")
    if match:
        return int(match.group(1))
    if len(text) <= _HEADING_LINE:
        for level, pattern in _LEVEL_PATTERNS:
            if pattern.match(text):
                return level
    return 0


def _table(table: DocxTable) -> Table | None:
    rows = tuple(tuple(clean(cell.text).strip() for cell in row.cells) for row in table.rows)
    return Table(rows=rows) if rows else None

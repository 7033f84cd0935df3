"""版记 (GB/T 9704-2012 7.4) at the bottom of the last page, and the page numbers (7.5).

LibreOffice keeps a floating table in the text flow and drops a frame holding several
paragraphs, so each 版记 line is its own frame anchored to the margin (``w:y`` = 版心 height −
n lines), with a tiny spacer paragraph after each frame (docs/documents/rendering.md).
"""

from __future__ import annotations

import math

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Twips
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from gongwen.documents.elements import DocumentElements
from gongwen.documents.rendering import layout
from gongwen.documents.rendering.layout import Font
from gongwen.documents.rendering.ooxml import (
    add_border,
    add_right_tab,
    add_text,
    set_frame,
    set_lines,
)
from gongwen.documents.rendering.text import chinese_date, clean, width_in_chars

SMALL_CHAR = 280  # one 4号 character, twips
SMALL_PER_LINE = int(layout.TEXT_WIDTH / (layout.SIZE_4 * 20 + layout.CHAR_SPACING))


def render_colophon(document: Document, elements: DocumentElements) -> None:
    """Write 抄送 and 印发机关/印发日期 between ruled lines at the foot of the last page."""
    cc = [clean(c).strip() for c in elements.cc if clean(c).strip()]
    organ = clean(elements.printing_organ).strip()
    printed = f"{chinese_date(elements.printing_date)}印发" if elements.printing_date else ""
    if not (cc or organ or printed):
        return
    cc_text = f"\u3000抄送：{'，'.join(cc)}。" if cc else ""
    cc_lines = math.ceil(width_in_chars(cc_text) / SMALL_PER_LINE) if cc else 0
    if cc_text:
        frame = _frame(document, y=layout.TEXT_HEIGHT - (cc_lines + 1) * layout.LINE_PITCH)
        add_border(frame, "top", layout.RULE_THICK)
        add_border(frame, "bottom", layout.RULE_THIN)
        add_text(frame, cc_text, Font.FANGSONG, layout.SIZE_4)
        _spacer(document)
    frame = _frame(document, y=layout.TEXT_HEIGHT - layout.LINE_PITCH)
    if not cc_text:
        add_border(frame, "top", layout.RULE_THICK)
    add_border(frame, "bottom", layout.RULE_THICK)
    add_right_tab(frame, layout.TEXT_WIDTH - SMALL_CHAR)
    add_text(frame, f"\u3000{organ}\t{printed}", Font.FANGSONG, layout.SIZE_4)
    _spacer(document)


def _frame(document: Document, *, y: int) -> Paragraph:
    paragraph = document.add_paragraph()
    set_lines(paragraph, snap=False)
    set_frame(paragraph, y=y)
    return paragraph


def _spacer(document: Document) -> None:
    """Add the near-invisible paragraph that separates (and anchors) two frames."""
    paragraph = document.add_paragraph()
    set_lines(paragraph, pitch=20, snap=False)
    add_text(paragraph, "", Font.FANGSONG, 1)


def render_page_numbers(document: Document) -> None:
    """Put ``— N —`` in 4号宋体 in the footers: odd pages right, even pages left, one char in."""
    section = document.sections[0]
    odd = section.footer.paragraphs[0]
    odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    odd.paragraph_format.right_indent = Twips(SMALL_CHAR)
    even = section.even_page_footer.paragraphs[0]
    even.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = Twips(SMALL_CHAR)
    for paragraph in (odd, even):
        set_lines(paragraph, snap=False)
        _add_page_number(paragraph)


def _add_page_number(paragraph: Paragraph) -> None:
    _number_text(paragraph, "— ")
    _field_char(paragraph, "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    _number_text(paragraph, "")._r.append(instr)
    _field_char(paragraph, "separate")
    _number_text(paragraph, "1")
    _field_char(paragraph, "end")
    _number_text(paragraph, " —")


def _number_text(paragraph: Paragraph, text: str) -> Run:
    # 7.5: 4号半角宋体 Arabic numerals, so the Latin font is 宋体 as well.
    return add_text(paragraph, text, Font.SONGTI, layout.SIZE_4, latin=Font.SONGTI)


def _field_char(paragraph: Paragraph, kind: str) -> None:
    field = OxmlElement("w:fldChar")
    field.set(qn("w:fldCharType"), kind)
    _number_text(paragraph, "")._r.append(field)

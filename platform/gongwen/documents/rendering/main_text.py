"""主体 (GB/T 9704-2012 7.3): title, 主送, body blocks, 附件说明, 署名, 成文日期, 附注."""

from __future__ import annotations

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Twips
from docx.text.paragraph import Paragraph as DocxParagraph

from gongwen.documents.content import Block, ListBlock, Paragraph, Table
from gongwen.documents.elements import DocumentElements
from gongwen.documents.rendering import layout
from gongwen.documents.rendering.layout import Font
from gongwen.documents.rendering.lines import LineFactory
from gongwen.documents.rendering.ooxml import add_text, set_lines
from gongwen.documents.rendering.text import check_title, chinese_date, clean, width_in_chars

INDENT_2 = 2 * layout.CHAR_WIDTH  # 首行缩进二字
DATE_RIGHT = 4 * layout.CHAR_WIDTH  # 成文日期右空四字


def render_main_text(document: Document, elements: DocumentElements) -> None:
    """Write the 主体 of ``elements`` after the 版头."""
    _blank(document, 2)  # 7.3.1: the title two lines under the red line
    _render_title(document, check_title(elements.title))
    recipients = [clean(r).strip() for r in elements.main_recipients if clean(r).strip()]
    if recipients:
        _blank(document)  # 7.3.2: 主送 one line under the title
        _line(document, "、".join(recipients) + "：")
    lines = LineFactory(document)
    for block in elements.body:
        render_block(document, block, lines)
    _render_attachments(document, elements)
    _render_signature(document, elements)
    if clean(elements.note).strip():
        _line(document, f"（{clean(elements.note).strip()}）", indent=INDENT_2)


def _blank(document: Document, count: int = 1) -> None:
    for _ in range(count):
        set_lines(document.add_paragraph())


def _line(
    document: Document, text: str, *, font: str = Font.FANGSONG, indent: int = 0
) -> DocxParagraph:
    paragraph = document.add_paragraph()
    set_lines(paragraph)
    if indent:
        paragraph.paragraph_format.first_line_indent = Twips(indent)
    add_text(paragraph, text, font, layout.SIZE_3)
    return paragraph


def _render_title(document: Document, title: str) -> None:
    paragraph = document.add_paragraph()
    # Not snapped: LibreOffice would give each 22 pt line two grid lines.
    set_lines(paragraph, snap=False)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # Digits in the title follow the title face, not Times New Roman (they would look thin).
    add_text(paragraph, title, Font.XIAOBIAOSONG, layout.SIZE_2, latin=Font.XIAOBIAOSONG)


def render_block(document: Document, block: Block, lines: LineFactory) -> None:
    """Write one block of structured 正文."""
    if isinstance(block, Paragraph):
        font = layout.LEVEL_FONTS[block.level]
        lines.add(clean(block.text), font, indent=INDENT_2, level=block.level)
    elif isinstance(block, ListBlock):
        for number, item in enumerate(block.items, start=1):
            prefix = f"{number}." if block.ordered else ""
            lines.add(prefix + clean(item), Font.FANGSONG, indent=INDENT_2)
    else:
        _render_table(document, block)


def _render_table(document: Document, block: Table) -> None:
    columns = max((len(row) for row in block.rows), default=0)
    if not columns:
        return
    table = document.add_table(rows=len(block.rows), cols=columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, row in enumerate(block.rows):
        font = Font.HEITI if block.header and r == 0 else Font.FANGSONG
        for c in range(columns):
            paragraph = table.cell(r, c).paragraphs[0]
            set_lines(paragraph)
            add_text(paragraph, clean(row[c]) if c < len(row) else "", font, layout.SIZE_3)


def _render_attachments(document: Document, elements: DocumentElements) -> None:
    """Write 附件说明 (7.3.4): one line under the body, 左空二字, numbered when several."""
    names = [clean(a.name).strip() for a in elements.attachments if clean(a.name).strip()]
    if not names:
        return
    _blank(document)
    if len(names) == 1:
        _line(document, f"附件：{names[0]}", indent=INDENT_2)
        return
    for number, name in enumerate(names, start=1):
        paragraph = _line(document, ("附件：" if number == 1 else "") + f"{number}.{name}")
        # Later items align with the first item's number, after "附件：".
        paragraph.paragraph_format.left_indent = Twips(INDENT_2 + 3 * layout.CHAR_WIDTH)
        if number == 1:
            paragraph.paragraph_format.first_line_indent = Twips(-3 * layout.CHAR_WIDTH)


def _render_signature(document: Document, elements: DocumentElements) -> None:
    """Write 署名 centred over 成文日期, the date 右空四字 (7.3.5.1), room for the seal above."""
    organ = clean(elements.signature_organ).strip()
    when = chinese_date(elements.date) if elements.date else ""
    if not organ and not when:
        return
    _blank(document, 2)
    if organ:
        shift = (width_in_chars(when) - width_in_chars(organ)) / 2 if when else 0
        right = max(DATE_RIGHT + round(shift * layout.CHAR_WIDTH), 0)
        _right_line(document, organ, right)
    if when:
        _right_line(document, when, DATE_RIGHT)


def _right_line(document: Document, text: str, right_indent: int) -> None:
    paragraph = _line(document, text)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.paragraph_format.right_indent = Twips(right_indent)

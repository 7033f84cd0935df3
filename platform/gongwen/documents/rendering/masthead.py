"""版头 (GB/T 9704-2012 7.2): 份号, 密级, 紧急程度, 发文机关标志, 发文字号, 签发人, red line."""

from __future__ import annotations

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Twips
from docx.text.paragraph import Paragraph

from gongwen.documents.elements import DocumentElements
from gongwen.documents.kinds import Direction, Secrecy, Urgency
from gongwen.documents.rendering import layout
from gongwen.documents.rendering.layout import Font
from gongwen.documents.rendering.ooxml import add_border, add_left_tab, add_text, set_lines
from gongwen.documents.rendering.text import clean, width_in_chars

# 7.2.4: the top of the 发文机关标志 is 35 mm below the top of the 版心.
ORGAN_MARK_TOP = layout.mm(35)


def render_masthead(document: Document, elements: DocumentElements) -> None:
    """Write the 版头 of ``elements`` at the top of the first page."""
    corner = _corner_lines(elements)
    for text in corner:
        paragraph = document.add_paragraph()
        set_lines(paragraph)
        add_text(paragraph, text, Font.HEITI, layout.SIZE_3)
    _render_organ_mark(document, elements, lines_above=len(corner))
    _render_number_line(document, elements)


def _corner_lines(elements: DocumentElements) -> list[str]:
    """Return the top-left lines (7.2.1–7.2.3), one element per line, in the standard's order."""
    lines = []
    if elements.copy_number:
        lines.append(clean(elements.copy_number))
    if elements.secrecy is not Secrecy.PUBLIC:
        period = clean(elements.secrecy_period)
        lines.append(f"{elements.secrecy.value}★{period}" if period else elements.secrecy.value)
    if elements.urgency is not Urgency.NORMAL:
        lines.append(elements.urgency.value)
    return lines


def _organ_names(elements: DocumentElements) -> list[str]:
    names = [clean(n).strip() for n in elements.organ_names] or [clean(elements.organ_name)]
    return [n for n in names if n]


def _render_organ_mark(document: Document, elements: DocumentElements, lines_above: int) -> None:
    """Write the red 发文机关标志, centred, one organ per line, its top 35 mm down the 版心."""
    names = _organ_names(elements)
    if not names:
        return
    size = _organ_mark_size(names)
    pitch = 2 * layout.LINE_PITCH  # a 小初 line takes two grid lines
    # LibreOffice centres the glyphs in an exact line: start half the slack higher.
    slack = (pitch - round(size * 20)) // 2
    gap = max(ORGAN_MARK_TOP - lines_above * layout.LINE_PITCH - slack, 0)
    for index, name in enumerate(names):
        paragraph = document.add_paragraph()
        set_lines(paragraph, pitch=pitch, snap=False)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if index == 0:
            paragraph.paragraph_format.space_before = Twips(gap)
        if index == len(names) - 1:
            # Back onto the line grid: what follows starts a whole number of lines down.
            rest = -gap % layout.LINE_PITCH
            paragraph.paragraph_format.space_after = Twips(rest)
        add_text(paragraph, name, Font.XIAOBIAOSONG, size, color=layout.RED)


def _organ_mark_size(names: list[str]) -> float:
    """Return the largest size up to 小初 at which the longest organ name fits on one line."""
    widest = max(width_in_chars(n) for n in names)
    fitting = layout.TEXT_WIDTH / 20 / max(widest, 1) - 1
    return float(max(min(layout.ORGAN_MARK_MAX, int(fitting)), 12))


def _render_number_line(document: Document, elements: DocumentElements) -> None:
    """Write the 发文字号 (and 签发人 for 上行文) two lines under the mark, with the red line."""
    number = clean(elements.doc_number).strip()
    signers = [clean(s).strip() for s in elements.signers if clean(s).strip()]
    upward = elements.direction is Direction.UP and signers
    spacer = document.add_paragraph()
    set_lines(spacer)
    if upward:
        _render_signer_lines(document, number, signers)
    else:
        paragraph = document.add_paragraph()
        set_lines(paragraph)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_text(paragraph, number, Font.FANGSONG, layout.SIZE_3)
        _add_separator(paragraph)


def _render_signer_lines(document: Document, number: str, signers: list[str]) -> None:
    """Write 签发人 two names a line; the 发文字号 shares the last line, 左空一字 (7.2.5).

    Names start at one left tab stop, so a second line aligns with the first name; the block
    ends one character before the right edge. The 发文字号 is indented by a U+3000 space, not
    a paragraph indent: the red line under the last line must span the whole 版心.
    """
    rows = ["\u3000".join(signers[i : i + 2]) for i in range(0, len(signers), 2)]
    widest = max(width_in_chars(row) for row in rows)
    names_at = layout.TEXT_WIDTH - layout.CHAR_WIDTH - round(widest * layout.CHAR_WIDTH)
    label_at = names_at - 4 * layout.CHAR_WIDTH
    for index, row in enumerate(rows):
        last = index == len(rows) - 1
        paragraph = document.add_paragraph()
        set_lines(paragraph)
        add_left_tab(paragraph, label_at if index == 0 else names_at)
        if last:
            add_text(paragraph, "\u3000" + number, Font.FANGSONG, layout.SIZE_3)
        add_text(paragraph, "\t签发人：" if index == 0 else "\t", Font.FANGSONG, layout.SIZE_3)
        add_text(paragraph, row, Font.KAITI, layout.SIZE_3)
        if last:
            _add_separator(paragraph)


def _add_separator(paragraph: Paragraph) -> None:
    add_border(
        paragraph,
        "bottom",
        layout.SEPARATOR_SIZE,
        color=layout.RED,
        space=layout.SEPARATOR_SPACE,
    )

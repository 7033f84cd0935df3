"""Small WordprocessingML helpers python-docx has no API for (fonts, borders, frames)."""

from __future__ import annotations

from docx.enum.text import WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Pt, RGBColor, Twips
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from gongwen.documents.rendering import layout


def set_run_font(
    run: Run, east_asia: str, size: float, *, latin: str = layout.LATIN_FONT, color: str = ""
) -> None:
    """Give ``run`` the GB font ``east_asia`` (with the east-Asian hint), a size and a colour."""
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")
    run.font.size = Pt(size)
    size_cs = rpr.find(qn("w:szCs"))
    if size_cs is None:
        size_cs = OxmlElement("w:szCs")
        rpr.find(qn("w:sz")).addnext(size_cs)
    size_cs.set(qn("w:val"), str(round(size * 2)))
    if color:
        run.font.color.rgb = RGBColor.from_string(color)


def add_text(
    paragraph: Paragraph, text: str, east_asia: str, size: float, *, color: str = "", **kw: str
) -> Run:
    """Append a run of ``text`` (newlines become line breaks) in the given font to ``paragraph``."""
    run = paragraph.add_run(text)
    set_run_font(run, east_asia, size, color=color, **kw)
    return run


def set_lines(paragraph: Paragraph, *, pitch: int = layout.LINE_PITCH, snap: bool = True) -> None:
    """Give ``paragraph`` an exact line height, no spacing before/after, no widow control."""
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Twips(pitch)
    fmt.space_before = Twips(0)
    fmt.space_after = Twips(0)
    fmt.widow_control = False
    if not snap:
        ppr = paragraph._p.get_or_add_pPr()
        element = OxmlElement("w:snapToGrid")
        element.set(qn("w:val"), "0")
        _insert_ppr(ppr, element)


def add_border(
    paragraph: Paragraph, side: str, size: int, *, color: str = "000000", space: int = 0
) -> None:
    """Draw a single line on ``side`` (top/bottom) of ``paragraph``; ``size`` is in 1/8 pt."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        _insert_ppr(ppr, borders)
    line = OxmlElement(f"w:{side}")
    for name, value in (("val", "single"), ("sz", size), ("space", space), ("color", color)):
        line.set(qn(f"w:{name}"), str(value))
    borders.append(line)


def set_frame(paragraph: Paragraph, *, y: int, width: int = layout.TEXT_WIDTH) -> None:
    """Make ``paragraph`` a frame anchored to the margins at ``y`` twips below the 版心 top."""
    element = OxmlElement("w:framePr")
    for name, value in (
        ("w", width),
        ("wrap", "around"),
        ("vAnchor", "margin"),
        ("hAnchor", "margin"),
        ("x", 0),
        ("y", y),
    ):
        element.set(qn(f"w:{name}"), str(value))
    _insert_ppr(paragraph._p.get_or_add_pPr(), element)


def set_outline_level(paragraph: Paragraph, level: int) -> None:
    """Mark ``paragraph`` as a heading of ``level`` (1-based) for navigation panes and readers."""
    element = OxmlElement("w:outlineLvl")
    element.set(qn("w:val"), str(level - 1))
    _insert_ppr(paragraph._p.get_or_add_pPr(), element)


def add_left_tab(paragraph: Paragraph, position: int) -> None:
    """Add a left-aligned tab stop at ``position`` twips."""
    paragraph.paragraph_format.tab_stops.add_tab_stop(Twips(position), WD_TAB_ALIGNMENT.LEFT)


def add_right_tab(paragraph: Paragraph, position: int) -> None:
    """Add a right-aligned tab stop at ``position`` twips."""
    paragraph.paragraph_format.tab_stops.add_tab_stop(Twips(position), WD_TAB_ALIGNMENT.RIGHT)


# The schema order of w:pPr children matters to Word; these come before w:spacing/w:ind/w:jc.
_PPR_ORDER = [
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
    "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
    "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
    "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
    "w:sectPr", "w:pPrChange",
]  # fmt: skip


def _insert_ppr(ppr: BaseOxmlElement, element: BaseOxmlElement) -> None:
    """Insert ``element`` into ``ppr`` at its schema position."""
    rank = _PPR_ORDER.index(_name(element))
    for index, child in enumerate(ppr):
        name = _name(child)
        if name in _PPR_ORDER and _PPR_ORDER.index(name) > rank:
            ppr.insert(index, element)
            return
    ppr.append(element)


def _name(element: BaseOxmlElement) -> str:
    return "w:" + element.tag.split("}")[-1]

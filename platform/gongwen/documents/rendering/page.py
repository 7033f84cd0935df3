"""Page setup: A4 section, margins, line grid, document defaults and the Normal style."""

from __future__ import annotations

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Twips

from gongwen.documents.rendering import layout


def set_up_page(document: Document) -> None:
    """Apply the GB/T 9704 page, grid and default text settings to ``document``."""
    _set_section(document)
    _set_defaults(document)
    _set_normal_style(document)
    document.settings.odd_and_even_pages_header_footer = True
    document.core_properties.language = "zh-CN"


def _set_section(document: Document) -> None:
    section = document.sections[0]
    section.page_width = Twips(layout.PAGE_WIDTH)
    section.page_height = Twips(layout.PAGE_HEIGHT)
    section.top_margin = Twips(layout.MARGIN_TOP)
    section.bottom_margin = Twips(layout.MARGIN_BOTTOM)
    section.left_margin = Twips(layout.MARGIN_LEFT)
    section.right_margin = Twips(layout.MARGIN_RIGHT)
    section.header_distance = Twips(layout.mm(15))
    section.footer_distance = Twips(layout.FOOTER_DISTANCE)
    section.gutter = Twips(0)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    # "lines" only: LibreOffice 7.4 doubles every character under "linesAndChars".
    for attr in list(grid.attrib):
        del grid.attrib[attr]
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(layout.LINE_PITCH))


def _set_defaults(document: Document) -> None:
    """Replace the template's theme fonts and spacing in w:docDefaults."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    _set_fonts(fonts, layout.Font.FANGSONG)
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")
    for tag in ("w:sz", "w:szCs"):
        rpr.find(qn(tag)).set(qn("w:val"), str(round(layout.SIZE_3 * 2)))
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    for attr in list(spacing.attrib):
        del spacing.attrib[attr]
    spacing.set(qn("w:before"), "0")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), str(layout.LINE_PITCH))
    spacing.set(qn("w:lineRule"), "exact")


def _set_normal_style(document: Document) -> None:
    """Make Normal 3号仿宋 on the line grid with the −0.25 pt spacing that gives 28 per line."""
    normal = document.styles["Normal"]
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    _set_fonts(fonts, layout.Font.FANGSONG)
    normal.font.size = Twips(layout.SIZE_3 * 20)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(layout.CHAR_SPACING))
    rpr.insert_element_before(spacing, "w:w", "w:kern", "w:position", "w:sz", "w:szCs")
    fmt = normal.paragraph_format
    fmt.widow_control = False
    fmt.space_before = Twips(0)
    fmt.space_after = Twips(0)
    fmt.line_spacing = Twips(layout.LINE_PITCH)


def _set_fonts(fonts: OxmlElement, east_asia: str) -> None:
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), layout.LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")

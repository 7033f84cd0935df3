"""The GB/T 9704-2012 page figures in the units python-docx writes (twips, points).

1 mm = 56.69 twips. The values below are the ones measured to give 22 lines × 28 characters
in LibreOffice (see docs/documents/rendering.md); change them only with a new measurement.
"""

from __future__ import annotations

from enum import StrEnum

# 5.2.1 / 5.2.2: A4 paper, 版心 156 × 225 mm, 天头 37 mm, 订口 28 mm.
PAGE_WIDTH = 11906
PAGE_HEIGHT = 16838
MARGIN_TOP = 2098  # 37 mm
MARGIN_BOTTOM = 1984  # 35 mm
MARGIN_LEFT = 1587  # 28 mm
MARGIN_RIGHT = 1474  # 26 mm
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 8845 = 156 mm
TEXT_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM  # 12756 = 225 mm
FOOTER_DISTANCE = 1332  # 23.5 mm: puts the 一字线 of the page number 7 mm below the 版心 (7.5)

# 5.2.2: 22 lines per page. 225 mm / 22 = 28.95 pt per line.
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
LINE_PITCH = 579  # twips, exact line height of every paragraph and the docGrid pitch
# 16 pt characters with −0.25 pt spacing advance 15.75 pt: 28 × 15.75 pt fit in 156 mm.
CHAR_SPACING = -5  # twentieths of a point (w:spacing in run properties)
CHAR_WIDTH = 315  # twips: 15.75 pt

# Font sizes in points (号 → pt).
SIZE_2 = 22.0  # 2号: title
SIZE_3 = 16.0  # 3号: body, 版头 elements
SIZE_4 = 14.0  # 4号: 版记, page numbers
ORGAN_MARK_MAX = 36.0  # 小初: the 发文机关标志 shrinks below this to fit one line

RED = "FF0000"
LATIN_FONT = "Times New Roman"


class Font(StrEnum):
    """The GB font names written into the DOCX (east-Asian attribute)."""

    FANGSONG = "仿宋_GB2312"
    XIAOBIAOSONG = "方正小标宋简体"
    HEITI = "黑体"
    KAITI = "楷体_GB2312"
    SONGTI = "宋体"


# Heading level → font of the body text (7.3.3): 一、黑体 /（一）楷体 / 1. 仿宋 /（1）仿宋.
LEVEL_FONTS = {0: Font.FANGSONG, 1: Font.HEITI, 2: Font.KAITI, 3: Font.FANGSONG, 4: Font.FANGSONG}

# 版记 ruled lines (7.4.1): first and last 0.35 mm, middle 0.25 mm, as w:sz in 1/8 pt.
RULE_THICK = 8  # 1 pt ≈ 0.35 mm
RULE_THIN = 6  # 0.75 pt ≈ 0.25 mm
SEPARATOR_SIZE = 12  # 1.5 pt red line under the 发文字号 (7.2.6)
SEPARATOR_SPACE = 4  # pt between the 发文字号 line box and the red line


def mm(value: float) -> int:
    """Return ``value`` millimetres in twips."""
    return round(value * 1440 / 25.4)

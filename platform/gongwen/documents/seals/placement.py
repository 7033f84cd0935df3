"""Where the seal goes: over the 成文日期, found in the PDF's text with pdfplumber.

GB/T 9704-2012 7.3.5.1: the seal is red, upright, centred over the 发文机关署名 and 成文日期,
which sit a little below the seal's centre ("居中下压"). pdfplumber is optional: without it,
the caller passes the box.
"""

from __future__ import annotations

import io
import re

from gongwen.documents.seals.exceptions import SealPlacementError
from gongwen.documents.seals.providers import Box

SEAL_SIZE_PT = 119.0  # 42 mm, the usual diameter of an organ's seal
_DATE = r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
_NOT_PRINTING_DATE = r"(?!\s*印发)"  # the 版记's 印发日期 is not the 成文日期
# How far the seal's centre sits above the date's middle, as a share of the seal's size.
_CENTRE_ABOVE_DATE = 0.2


def seal_box_over_date(
    pdf: bytes, *, page: int = -1, date_text: str | None = None, size: float = SEAL_SIZE_PT
) -> Box:
    """Return the seal's box on ``page`` over the last 成文日期 (or over ``date_text``).

    Raises:
        SealPlacementError: pdfplumber is missing, the page does not exist or no date is found.
    """
    try:
        import pdfplumber
    except ImportError as exc:
        raise SealPlacementError(
            "pdfplumber is not installed, so the 成文日期 cannot be located: pass box=."
        ) from exc
    pattern = (re.escape(date_text) if date_text else _DATE) + _NOT_PRINTING_DATE
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        try:
            target = document.pages[page]
        except IndexError:
            raise SealPlacementError(f"The PDF has no page {page}.") from None
        matches = target.search(pattern, regex=True, return_chars=False)
        if not matches:
            raise SealPlacementError("No 成文日期 found on the page: pass box=.")
        date = matches[-1]
        return _box(date, target.width, target.height, size)


def _box(date: dict, width: float, height: float, size: float) -> Box:
    """Centre the seal on the date horizontally, a little above it, kept inside the page."""
    cx = (date["x0"] + date["x1"]) / 2
    cy = height - (date["top"] + date["bottom"]) / 2 + size * _CENTRE_ABOVE_DATE
    cx = min(max(cx, size / 2), width - size / 2)
    cy = min(max(cy, size / 2), height - size / 2)
    return (cx - size / 2, cy - size / 2, cx + size / 2, cy + size / 2)

"""Helpers for tests that open a rendered DOCX and look at its WordprocessingML."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def open_docx(data: bytes) -> DocxDocument:
    """Open DOCX bytes with python-docx."""
    return Document(io.BytesIO(data))


def paragraph_with(document: DocxDocument, text: str) -> Paragraph:
    """Return the first body paragraph whose text starts with ``text``."""
    for paragraph in document.paragraphs:
        if paragraph.text.startswith(text):
            return paragraph
    raise AssertionError(f"no paragraph starts with {text!r}")


def run_fonts(paragraph: Paragraph) -> set[tuple[str, float, str]]:
    """Return (east-Asian font, size in pt, colour) of every run with text."""
    out = set()
    for run in paragraph.runs:
        if not run.text:
            continue
        fonts = run._r.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:hint")) == "eastAsia"
        colour = str(run.font.color.rgb) if run.font.color.rgb is not None else ""
        out.add((fonts.get(qn("w:eastAsia")), run.font.size.pt, colour))
    return out


def border(paragraph: Paragraph, side: str) -> dict[str, str] | None:
    """Return the attributes of the paragraph's border on ``side``, or ``None``."""
    ppr = paragraph._p.pPr
    borders = ppr.find(qn("w:pBdr")) if ppr is not None else None
    line = borders.find(qn(f"w:{side}")) if borders is not None else None
    if line is None:
        return None
    return {k.replace(W, ""): v for k, v in line.attrib.items()}

"""Fast body lines: copy a formatted paragraph instead of rebuilding its XML for each one.

python-docx builds every property element from a parsed XML string; for a body of 10,000
paragraphs that dominated the render time. The first paragraph of each kind (font, indent,
heading level) is built through the normal API and kept as a template; later ones are deep
copies with new text, inserted before the section properties in constant time.
"""

from __future__ import annotations

import copy

from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Twips
from docx.text.paragraph import Paragraph

from gongwen.documents.rendering import layout
from gongwen.documents.rendering.ooxml import add_text, set_lines, set_outline_level


class LineFactory:
    """Add single-run body paragraphs to one document, reusing formatted templates."""

    def __init__(self, document: Document) -> None:
        self._document = document
        self._templates: dict[tuple[str, int, int], object] = {}
        # Looked up once: finding it scans every paragraph of the body.
        self._section = document.element.body.sectPr

    def add(self, text: str, font: str, *, indent: int = 0, level: int = 0) -> Paragraph:
        """Append a paragraph of ``text`` in ``font`` (3号) with a first-line ``indent``."""
        key = (font, indent, level)
        template = self._templates.get(key)
        if template is None or not _plain(text):
            paragraph = self._build(text, font, indent, level)
            if _plain(text):
                self._templates[key] = copy.deepcopy(paragraph._p)
            return paragraph
        element = copy.deepcopy(template)
        node = element.find(f"{qn('w:r')}/{qn('w:t')}")
        node.text = text
        node.set(qn("xml:space"), "preserve")
        if self._section is not None:
            self._section.addprevious(element)
        else:
            self._document.element.body.append(element)
        return Paragraph(element, self._document._body)

    def _build(self, text: str, font: str, indent: int, level: int) -> Paragraph:
        paragraph = self._document.add_paragraph()
        set_lines(paragraph)
        if indent:
            paragraph.paragraph_format.first_line_indent = Twips(indent)
        add_text(paragraph, text, font, layout.SIZE_3)
        if level:
            set_outline_level(paragraph, level)
        return paragraph


def _plain(text: str) -> bool:
    """Return whether ``text`` is one run of text (no line breaks or tabs to convert)."""
    return bool(text) and "\n" not in text and "\t" not in text

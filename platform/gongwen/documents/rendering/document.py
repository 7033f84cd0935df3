"""``render_docx``: the 要素 of a 公文 laid out by GB/T 9704-2012 as DOCX bytes."""

from __future__ import annotations

import io

from docx import Document

from gongwen.documents.content import ListBlock, Paragraph, Table
from gongwen.documents.elements import DocumentElements
from gongwen.documents.rendering.colophon import render_colophon, render_page_numbers
from gongwen.documents.rendering.exceptions import RenderError
from gongwen.documents.rendering.main_text import render_main_text
from gongwen.documents.rendering.masthead import render_masthead
from gongwen.documents.rendering.page import set_up_page
from gongwen.documents.rendering.text import MAX_BLOCKS, MAX_TEXT_CHARS


def render_docx(elements: DocumentElements) -> bytes:
    """Render ``elements`` to a GB/T 9704 DOCX and return its bytes.

    Raises:
        RenderError: the elements are too large or have no title; nothing is returned then.
    """
    _check_size(elements)
    document = Document()
    set_up_page(document)
    # The template's empty first paragraph would add a line above the 版头.
    body = document.element.body
    for paragraph in list(body.iterchildren("{*}p")):
        body.remove(paragraph)
    render_masthead(document, elements)
    render_main_text(document, elements)
    render_colophon(document, elements)
    render_page_numbers(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _check_size(elements: DocumentElements) -> None:
    if len(elements.body) > MAX_BLOCKS:
        raise RenderError(f"the body has {len(elements.body)} blocks (at most {MAX_BLOCKS})")
    total = sum(_block_chars(block) for block in elements.body) + len(elements.title)
    if total > MAX_TEXT_CHARS:
        raise RenderError(f"the text has {total} characters (at most {MAX_TEXT_CHARS})")


def _block_chars(block: Paragraph | ListBlock | Table) -> int:
    if isinstance(block, Paragraph):
        return len(block.text)
    if isinstance(block, ListBlock):
        return sum(len(item) for item in block.items)
    return sum(len(cell) for row in block.rows for cell in row)

"""Read the text of an element by name, as (field path, text) pairs the rule types scan."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from gongwen.documents.content import ListBlock, Paragraph, Table
from gongwen.documents.elements import DocumentElements

#: Elements a rule may name (the DocumentElements fields that carry drafted content).
ELEMENT_NAMES: tuple[str, ...] = (
    "title",
    "copy_number",
    "secrecy_period",
    "organ_name",
    "organ_names",
    "doc_number",
    "signers",
    "main_recipients",
    "body",
    "attachments",
    "signature_organ",
    "date",
    "note",
    "cc",
    "printing_organ",
    "printing_date",
)


def texts(elements: DocumentElements, name: str) -> Iterator[tuple[str, str]]:
    """Yield ``(field path, text)`` for every piece of text of element ``name``."""
    value = getattr(elements, name, None)
    if name == "body":
        yield from body_texts(value)
    elif name == "attachments":
        for i, item in enumerate(_sequence(value)):
            yield f"attachments[{i}]", str(getattr(item, "name", item))
    elif isinstance(value, tuple | list):
        for i, item in enumerate(value):
            yield f"{name}[{i}]", str(item)
    elif value is not None:
        yield name, value.isoformat() if isinstance(value, date) else str(value)


def body_texts(body: Any) -> Iterator[tuple[str, str]]:
    """Yield the text of every paragraph, list item and table cell of a body."""
    for i, block in enumerate(_sequence(body)):
        if isinstance(block, Paragraph):
            yield f"body[{i}]", str(block.text)
        elif isinstance(block, ListBlock):
            for j, item in enumerate(block.items):
                yield f"body[{i}].items[{j}]", str(item)
        elif isinstance(block, Table):
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(row):
                    yield f"body[{i}].rows[{r}][{c}]", str(cell)


def is_present(elements: DocumentElements, name: str) -> bool:
    """Return whether element ``name`` has content (blank text counts as absent)."""
    value = getattr(elements, name, None)
    if value is None:
        return False
    if isinstance(value, date):
        return True
    return any(text.strip() for _, text in texts(elements, name))


def _sequence(value: Any) -> tuple:
    return tuple(value) if isinstance(value, tuple | list) else ()

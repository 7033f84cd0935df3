"""The 正文 as structured content: what the editor page saves and the DOCX renderer reads.

A body is a tuple of blocks. Paragraph levels follow GB/T 9704 heading numbering:
level 1 ``一、`` (黑体), level 2 ``（一）`` (楷体), level 3 ``1.`` and level 4 ``（1）`` (仿宋);
level 0 is an ordinary body paragraph. The numbering text is part of ``text`` as the drafter
typed it (renderers never renumber).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of text at a heading level (0 = body text)."""

    text: str
    level: int = 0


@dataclass(frozen=True)
class ListBlock:
    """A list of items, numbered or not."""

    items: tuple[str, ...]
    ordered: bool = True


@dataclass(frozen=True)
class Table:
    """A table: rows of cell texts; the first row is the header if ``header`` is set."""

    rows: tuple[tuple[str, ...], ...]
    header: bool = True


Block = Paragraph | ListBlock | Table
Body = tuple[Block, ...]


class ContentError(ValueError):
    """Raised for body data that is not valid structured content."""


def body_from_data(data: Any) -> Body:
    """Build a body from its JSON form (``[{"type": "paragraph", "text": …, "level": 0}, …]``).

    Raise :class:`ContentError` with the index of the first bad block.
    """
    if not isinstance(data, list):
        raise ContentError("body must be a list of blocks")
    return tuple(_block(i, item) for i, item in enumerate(data))


def _block(index: int, item: Any) -> Block:
    if not isinstance(item, dict):
        raise ContentError(f"block {index}: must be an object")
    kind = item.get("type")
    try:
        if kind == "paragraph":
            level = item.get("level", 0)
            if not isinstance(level, int) or isinstance(level, bool) or not 0 <= level <= 4:
                raise ContentError(f"block {index}: level must be 0–4")
            return Paragraph(text=_text(item["text"]), level=level)
        if kind == "list":
            return ListBlock(
                items=tuple(_text(t) for t in item["items"]),
                ordered=bool(item.get("ordered", True)),
            )
        if kind == "table":
            rows = tuple(tuple(_text(c) for c in row) for row in item["rows"])
            return Table(rows=rows, header=bool(item.get("header", True)))
    except (KeyError, TypeError) as exc:
        raise ContentError(f"block {index}: missing or malformed {exc}") from exc
    raise ContentError(f"block {index}: unknown type {kind!r}")


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("text")
    return value


def body_to_data(body: Body) -> list[dict[str, Any]]:
    """Return the JSON form of ``body`` (inverse of :func:`body_from_data`)."""
    out: list[dict[str, Any]] = []
    for block in body:
        if isinstance(block, Paragraph):
            out.append({"type": "paragraph", "text": block.text, "level": block.level})
        elif isinstance(block, ListBlock):
            out.append({"type": "list", "items": list(block.items), "ordered": block.ordered})
        else:
            out.append(
                {"type": "table", "rows": [list(r) for r in block.rows], "header": block.header}
            )
    return out

"""Text policy of the renderer: what hostile text becomes before it reaches the XML.

Policy (docs/documents/rendering.md "Hostile text"):

- Characters that XML 1.0 forbids (C0 controls other than tab, line feed and carriage return,
  U+FFFE, U+FFFF, lone surrogates) are removed: lxml would refuse them and a DOCX containing
  them would not open.
- Bidirectional formatting characters (LRM/RLM, the embeddings, overrides and isolates,
  U+061C) are removed: a 公文 is left-to-right, and an override could make the printed text
  read differently from the stored text.
- Line breaks inside one text become line breaks in the paragraph; other C1 controls are
  removed.
- Sizes are bounded (:data:`MAX_TEXT_CHARS`, :data:`MAX_BLOCKS`, :data:`MAX_TITLE_CHARS`);
  beyond them :class:`RenderError` is raised instead of producing a document nobody can open.
"""

from __future__ import annotations

import re
from datetime import date

from gongwen.documents.rendering.exceptions import RenderError

MAX_TITLE_CHARS = 1_000
MAX_BLOCKS = 20_000
MAX_TEXT_CHARS = 2_000_000

_ILLEGAL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff"
    "\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]"
)
_NEWLINES = re.compile(r"\r\n|\r|\x85|\u2028|\u2029")


def clean(text: str) -> str:
    """Return ``text`` with XML-illegal and bidi control characters removed, newlines unified."""
    return _ILLEGAL.sub("", _NEWLINES.sub("\n", text))


def check_title(title: str) -> str:
    """Return the cleaned title, or raise :class:`RenderError` if it is empty or too long."""
    cleaned = clean(title).strip()
    if not cleaned:
        raise RenderError("the title is empty")
    if len(cleaned) > MAX_TITLE_CHARS:
        raise RenderError(f"the title has {len(cleaned)} characters (at most {MAX_TITLE_CHARS})")
    return cleaned


def chinese_date(value: date) -> str:
    """Return ``value`` as GB/T 9704 writes 成文日期: Arabic numerals, no leading zeros."""
    return f"{value.year}年{value.month}月{value.day}日"


def width_in_chars(text: str) -> float:
    """Return the printed width of ``text`` in body characters (ASCII counts half)."""
    return sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in text)

"""Canonical JSON: one byte sequence per JSON value, for content hashes and exported files.

Two encodings, both with sorted keys and real UTF-8 (``ensure_ascii=False``) so the result does
not depend on how a database stored the value (PostgreSQL ``jsonb`` reorders keys):

- :func:`canonical_json` — compact (no whitespace), the input of every content hash;
- :func:`canonical_file_text` — indented for people, used by ``definitions export`` so that
  export → import → export is byte-identical.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any


def canonical_json(value: Any) -> str:
    """Return ``value`` as compact canonical JSON (sorted keys, no whitespace, UTF-8 text).

    Raises:
        TypeError: ``value`` holds something JSON cannot represent (a set, a date …).
        ValueError: ``value`` holds NaN or an infinity, or a reference cycle.
    """
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def canonical_hash(value: Any) -> str:
    """Return the SHA-256 hex digest of the UTF-8 bytes of :func:`canonical_json` of ``value``."""
    return hashlib.sha256(canonical_json(value).encode("utf-8")).hexdigest()


def pair_hash(form: Any, flow: Any) -> str:
    """Return the content hash of a document type's form and flow taken together.

    The hashed value is ``{"flow": flow, "form": form}``: a change to either document changes
    the hash, and the hash never depends on key order or whitespace.
    """
    return canonical_hash({"flow": flow, "form": form})


def canonical_file_text(value: Any) -> str:
    """Return ``value`` as definition file text: sorted keys, 2-space indent, final newline."""
    return json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def has_unstorable_text(value: Any) -> bool:
    """Return whether a string in ``value`` (keys too) holds NUL or a lone surrogate.

    Neither can be stored everywhere (PostgreSQL ``jsonb`` rejects both) nor hashed as UTF-8.
    ``value`` must already be within the definition depth limit (the walk is iterative).
    """
    return any(_unstorable(text) for text in _strings(value))


def _strings(value: Any) -> Iterator[str]:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)


def _unstorable(text: str) -> bool:
    if "\x00" in text:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False

"""Append-only, hash-chained audit events (contract 9).

``from gongwen.audit import record`` is the short way to reach
:func:`gongwen.audit.recording.record`; it is looked up on first use, because this package is
imported while Django is still loading apps (before models can be).
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    if name == "record":
        from gongwen.audit.recording import record

        return record
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""Positional arguments as JavaScript sees them: a missing one is ``undefined``."""

from __future__ import annotations

from typing import Any

from gongwen.expressions.values import UNDEFINED


def arg(values: list[Any], index: int) -> Any:
    """Return ``values[index]``, or ``UNDEFINED`` when the rule passed fewer arguments."""
    return values[index] if index < len(values) else UNDEFINED

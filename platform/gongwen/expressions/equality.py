"""JavaScript's ``===``, ``==`` and relational comparison over JSON values.

Arrays and objects compare by identity, as in JavaScript: ``{"var": "a"}`` equals itself,
but two array literals never do. Nothing here recurses into data.
"""

from __future__ import annotations

import math
from typing import Any

from gongwen.expressions.coercion import UNMETERED, Meter, to_number, to_primitive
from gongwen.expressions.values import Kind, as_float, kind_of, utf16_less

_NULLISH = {Kind.NULL, Kind.UNDEFINED}
_CONTAINERS = {Kind.ARRAY, Kind.OBJECT}


def strict_equals(left: Any, right: Any) -> bool:
    """Return JavaScript's ``left === right``."""
    left_kind, right_kind = kind_of(left), kind_of(right)
    if left_kind in _CONTAINERS or right_kind in _CONTAINERS:
        return left is right
    if left_kind != right_kind:
        return False
    if left_kind is Kind.NUMBER:
        return as_float(left) == as_float(right)
    return left == right


def loose_equals(left: Any, right: Any, meter: Meter = UNMETERED) -> bool:
    """Return JavaScript's ``left == right`` (the Abstract Equality Comparison)."""
    while True:
        left_kind, right_kind = kind_of(left), kind_of(right)
        same = left_kind == right_kind or {left_kind, right_kind} == _CONTAINERS
        if same:
            return strict_equals(left, right)
        if left_kind in _NULLISH or right_kind in _NULLISH:
            return left_kind in _NULLISH and right_kind in _NULLISH
        if left_kind is Kind.BOOLEAN:
            left = to_number(left)
        elif right_kind is Kind.BOOLEAN:
            right = to_number(right)
        elif left_kind in _CONTAINERS:
            left = to_primitive(left, meter)
        elif right_kind in _CONTAINERS:
            right = to_primitive(right, meter)
        else:  # one number, one string
            return to_number(left) == to_number(right)


def _less(left: Any, right: Any, meter: Meter) -> bool | None:
    """Return ``left < right`` per IsLessThan, ``None`` for JavaScript's undefined (NaN)."""
    left, right = to_primitive(left, meter), to_primitive(right, meter)
    if isinstance(left, str) and isinstance(right, str):
        return utf16_less(left, right)
    left_number, right_number = to_number(left, meter), to_number(right, meter)
    if math.isnan(left_number) or math.isnan(right_number):
        return None
    return left_number < right_number


def less_than(left: Any, right: Any, meter: Meter = UNMETERED) -> bool:
    """Return JavaScript's ``left < right``."""
    return _less(left, right, meter) is True


def greater_than(left: Any, right: Any, meter: Meter = UNMETERED) -> bool:
    """Return JavaScript's ``left > right``."""
    return _less(right, left, meter) is True


def less_or_equal(left: Any, right: Any, meter: Meter = UNMETERED) -> bool:
    """Return JavaScript's ``left <= right`` (false whenever NaN is involved)."""
    return _less(right, left, meter) is False


def greater_or_equal(left: Any, right: Any, meter: Meter = UNMETERED) -> bool:
    """Return JavaScript's ``left >= right`` (false whenever NaN is involved)."""
    return _less(left, right, meter) is False

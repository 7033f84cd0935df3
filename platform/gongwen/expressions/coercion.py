"""JavaScript's conversions (ToString, ToNumber, ToPrimitive) over JSON values, budgeted.

Converting an array to a string walks it without recursion, charging the ``Meter`` one step
per element and checking the produced length, so hostile data cannot blow the stack or
memory.
"""

from __future__ import annotations

import math
from typing import Any, Protocol

from gongwen.expressions.numerics import number_to_string, parse_float, string_to_number
from gongwen.expressions.values import UNDEFINED, as_float, is_number, utf16_length

OBJECT_STRING = "[object Object]"
_COMMA = object()


class Meter(Protocol):
    """What conversions report their work to (the evaluation context implements it)."""

    def charge(self, units: int) -> None:
        """Count ``units`` steps of work; raise when the step budget is spent."""

    def check_string(self, length: int) -> None:
        """Raise when a string of ``length`` code units would be too long."""


class _Unmetered:
    def charge(self, units: int) -> None:
        return None

    def check_string(self, length: int) -> None:
        return None


UNMETERED: Meter = _Unmetered()


def scalar_to_string(value: Any) -> str:
    """Return ``String(value)`` for anything but an array."""
    if isinstance(value, str):
        return value
    if value is None:
        return "null"
    if value is UNDEFINED:
        return "undefined"
    if isinstance(value, bool):
        return "true" if value else "false"
    if is_number(value):
        if isinstance(value, int) and abs(value) < 2**53:
            return str(value)
        return number_to_string(as_float(value))
    return OBJECT_STRING


def to_string(value: Any, meter: Meter = UNMETERED) -> str:
    """Return ``String(value)``; arrays join their elements with commas, nulls as ``""``."""
    if not isinstance(value, list):
        return scalar_to_string(value)
    parts: list[str] = []
    length = 0
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            meter.charge(len(item) + 1)
            for index in range(len(item) - 1, -1, -1):
                stack.append(item[index])
                if index:
                    stack.append(_COMMA)
            continue
        if item is None or item is UNDEFINED:
            continue
        piece = "," if item is _COMMA else scalar_to_string(item)
        length += utf16_length(piece)
        meter.check_string(length)
        parts.append(piece)
    return "".join(parts)


def to_primitive(value: Any, meter: Meter = UNMETERED) -> Any:
    """Return ``value`` with arrays and objects replaced by their string forms."""
    if isinstance(value, list):
        return to_string(value, meter)
    if isinstance(value, dict):
        return OBJECT_STRING
    return value


def to_number(value: Any, meter: Meter = UNMETERED) -> float:
    """Return ``Number(value)`` as a float (``NaN`` for what is not a number)."""
    if value is None:
        return 0.0
    if value is UNDEFINED or isinstance(value, dict):
        return math.nan
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if is_number(value):
        return as_float(value)
    if isinstance(value, list):
        return string_to_number(to_string(value, meter))
    return string_to_number(value)


def to_parsed_float(value: Any, meter: Meter = UNMETERED) -> float:
    """Return ``parseFloat(value)``: the number at the start of ``String(value)``."""
    if is_number(value):
        # parseFloat goes through String(), which prints -0 as "0".
        return as_float(value) + 0.0
    return parse_float(to_string(value, meter))


def to_integer(value: Any, meter: Meter = UNMETERED) -> float:
    """Return ECMAScript's ToIntegerOrInfinity: truncate towards zero, ``NaN`` → 0."""
    number = to_number(value, meter)
    if math.isnan(number):
        return 0.0
    if math.isinf(number):
        return number
    return float(math.trunc(number))

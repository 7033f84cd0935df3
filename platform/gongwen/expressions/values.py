"""JSON values as JavaScript sees them: kinds, ``undefined``, truthiness, UTF-16 lengths."""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Any, Final


class _Undefined:
    """JavaScript's ``undefined``: what an absent argument or an empty ``and``/``or`` gives."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "UNDEFINED"

    def __bool__(self) -> bool:
        return False


UNDEFINED: Final = _Undefined()


class Kind(StrEnum):
    """The JavaScript type of a JSON value (arrays and objects kept apart)."""

    UNDEFINED = "undefined"
    NULL = "null"
    BOOLEAN = "boolean"
    NUMBER = "number"
    STRING = "string"
    ARRAY = "array"
    OBJECT = "object"


def kind_of(value: Any) -> Kind:
    """Return the kind of ``value``; the caller guarantees it is JSON data or ``UNDEFINED``."""
    if value is None:
        return Kind.NULL
    if value is UNDEFINED:
        return Kind.UNDEFINED
    if isinstance(value, bool):
        return Kind.BOOLEAN
    if isinstance(value, int | float):
        return Kind.NUMBER
    if isinstance(value, str):
        return Kind.STRING
    if isinstance(value, list):
        return Kind.ARRAY
    return Kind.OBJECT


def is_number(value: Any) -> bool:
    """Tell whether ``value`` is a JSON number (a ``bool`` is not)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def as_float(value: int | float) -> float:
    """Return a number as the IEEE double JavaScript would hold (huge ints become ±inf)."""
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def truthy(value: Any) -> bool:
    """Apply JSON Logic truthiness: JavaScript's, except that an empty array is false."""
    if value is None or value is UNDEFINED or value is False:
        return False
    if value is True:
        return True
    if isinstance(value, int | float):
        return not (value == 0 or math.isnan(value))
    if isinstance(value, str | list):
        return len(value) > 0
    return True


def utf16_units(text: str) -> bytes:
    """Return ``text`` as UTF-16 code units (big-endian, so bytes order like units)."""
    return text.encode("utf-16-be", "surrogatepass")


def utf16_length(text: str) -> int:
    """Return the length of ``text`` as JavaScript counts it (UTF-16 code units)."""
    if text.isascii():
        return len(text)
    return len(utf16_units(text)) // 2


def utf16_slice(text: str, start: int, end: int) -> str:
    """Return code units ``start:end`` of ``text``, as ``String.prototype.substring`` would."""
    if text.isascii():
        return text[start:end]
    return utf16_units(text)[2 * start : 2 * end].decode("utf-16-be", "surrogatepass")


def utf16_less(left: str, right: str) -> bool:
    """Compare two strings by UTF-16 code units, as JavaScript's ``<`` does."""
    if left.isascii() and right.isascii():
        return left < right
    return utf16_units(left) < utf16_units(right)

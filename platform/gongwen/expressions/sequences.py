"""Strings and arrays: ``cat``, ``substr``, ``in``, ``merge``.

Strings are measured and cut in UTF-16 code units, as the browser does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gongwen.expressions.arguments import arg
from gongwen.expressions.coercion import to_integer, to_number, to_primitive, to_string
from gongwen.expressions.context import defined
from gongwen.expressions.equality import less_than, strict_equals
from gongwen.expressions.exceptions import ExpressionTypeError
from gongwen.expressions.values import UNDEFINED, utf16_length, utf16_slice

if TYPE_CHECKING:
    from gongwen.expressions.coercion import Meter
    from gongwen.expressions.context import Evaluation


def cat(context: Evaluation, values: list[Any], data: Any) -> str:
    """Return the arguments joined as strings (null → "", arrays comma-joined)."""
    parts: list[str] = []
    length = 0
    for value in values:
        piece = "" if value is None or value is UNDEFINED else to_string(value, context)
        length += utf16_length(piece)
        context.check_string(length)
        parts.append(piece)
    return "".join(parts)


def _js_substr(text: str, start: Any, length: Any, meter: Meter) -> str:
    size = utf16_length(text)
    first = to_integer(start, meter)
    first = max(size + first, 0) if first < 0 else min(first, size)
    count = size if length is UNDEFINED else to_integer(length, meter)
    end = min(first + min(max(count, 0), size), size)
    return utf16_slice(text, int(first), int(end)) if end > first else ""


def _js_plus(left: Any, right: Any, meter: Meter) -> Any:
    left, right = to_primitive(left, meter), to_primitive(right, meter)
    if isinstance(left, str) or isinstance(right, str):
        return to_string(left, meter) + to_string(right, meter)
    return to_number(left, meter) + to_number(right, meter)


def substr(context: Evaluation, values: list[Any], data: Any) -> str:
    """Return part of ``String(source)``; a negative start counts from the end, and a
    negative length leaves that many code units off the end."""
    source, start, length = arg(values, 0), arg(values, 1), arg(values, 2)
    text = to_string(source, context)
    if length is not UNDEFINED and less_than(length, 0, context):
        rest = _js_substr(text, start, UNDEFINED, context)
        return _js_substr(rest, 0, _js_plus(utf16_length(rest), length, context), context)
    return _js_substr(text, start, length, context)


def in_(context: Evaluation, values: list[Any], data: Any) -> bool:
    """Tell whether ``a`` is an element of array ``b`` (``===``) or a substring of string ``b``."""
    needle, haystack = arg(values, 0), arg(values, 1)
    if isinstance(haystack, str):
        return bool(haystack) and to_string(needle, context) in haystack
    if isinstance(haystack, list):
        context.charge(len(haystack))
        return any(strict_equals(needle, item) for item in haystack)
    if isinstance(haystack, dict) and "indexOf" in haystack:
        raise ExpressionTypeError("in: b.indexOf is not a function")
    return False


def merge(context: Evaluation, values: list[Any], data: Any) -> list[Any]:
    """Return the arguments flattened one level into a single array."""
    merged: list[Any] = []
    for value in values:
        if isinstance(value, list):
            context.charge(len(value))
            context.check_array(len(merged) + len(value))
            merged.extend(value)
        else:
            context.check_array(len(merged) + 1)
            merged.append(defined(value))
    return merged

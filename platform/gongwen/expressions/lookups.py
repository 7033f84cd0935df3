"""Reading data: ``var``, ``missing``, ``missing_some``.

Only JSON data is ever read: object keys, array indexes, string characters and the
``length`` of arrays and strings. Nothing reaches Python attributes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from gongwen.expressions.arguments import arg
from gongwen.expressions.coercion import to_number, to_string
from gongwen.expressions.equality import greater_or_equal
from gongwen.expressions.exceptions import ExpressionTypeError
from gongwen.expressions.values import UNDEFINED, utf16_length, utf16_slice

if TYPE_CHECKING:
    from gongwen.expressions.context import Evaluation

_ARRAY_INDEX = re.compile(r"(?:0|[1-9][0-9]*)\Z")


def js_property(value: Any, key: str) -> Any:
    """Return ``value[key]`` as JavaScript would for JSON data, ``UNDEFINED`` if absent.

    Inherited JavaScript properties (``constructor``, ``toString`` …) are not data and are
    never found.
    """
    if isinstance(value, dict):
        return dict.get(value, key, UNDEFINED)
    if isinstance(value, list | str):
        size = len(value) if isinstance(value, list) else utf16_length(value)
        if key == "length":
            return size
        if _ARRAY_INDEX.match(key) and int(key) < size:
            index = int(key)
            return value[index] if isinstance(value, list) else utf16_slice(value, index, index + 1)
    return UNDEFINED


def var(context: Evaluation, values: list[Any], data: Any) -> Any:
    """Return the data at a dotted path, the default (or null) when absent, all data for ""."""
    path, default = arg(values, 0), arg(values, 1)
    not_found = None if default is UNDEFINED else default
    if path is UNDEFINED or path is None or path == "":
        return data
    current = data
    for key in to_string(path, context).split("."):
        if current is None or current is UNDEFINED:
            return not_found
        context.charge(1)
        current = js_property(current, key)
        if current is UNDEFINED:
            return not_found
    return current


def missing(context: Evaluation, values: list[Any], data: Any) -> list[Any]:
    """Return the keys whose data is null, "" or absent (one array argument = the keys)."""
    first = arg(values, 0)
    keys = first if isinstance(first, list) else values
    absent = []
    for key in keys:
        value = context.apply({"var": key}, data)
        if value is None or (isinstance(value, str) and not value):
            absent.append(key)
    return absent


def missing_some(context: Evaluation, values: list[Any], data: Any) -> list[Any]:
    """Return ``[]`` when at least ``need`` of the keys are present, else the missing ones."""
    need, options = arg(values, 0), arg(values, 1)
    absent = context.apply({"missing": options}, data)
    if options is None or options is UNDEFINED:
        raise ExpressionTypeError("missing_some: the list of keys is null")
    length = js_property(options, "length")
    present = to_number(length) - len(absent)
    return [] if greater_or_equal(present, need, context) else absent

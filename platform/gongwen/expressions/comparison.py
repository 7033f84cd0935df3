"""Comparison operators: ``==`` ``===`` ``!=`` ``!==`` ``>`` ``>=`` ``<`` ``<=``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gongwen.expressions.arguments import arg
from gongwen.expressions.equality import (
    greater_or_equal,
    greater_than,
    less_or_equal,
    less_than,
    loose_equals,
    strict_equals,
)
from gongwen.expressions.values import UNDEFINED

if TYPE_CHECKING:
    from gongwen.expressions.context import Evaluation


def loose_eq(context: Evaluation, values: list[Any], data: Any) -> bool:
    """Return ``a == b`` with JavaScript's coercions."""
    return loose_equals(arg(values, 0), arg(values, 1), context)


def loose_ne(context: Evaluation, values: list[Any], data: Any) -> bool:
    """Return ``a != b`` with JavaScript's coercions."""
    return not loose_equals(arg(values, 0), arg(values, 1), context)


def strict_eq(context: Evaluation, values: list[Any], data: Any) -> bool:
    """Return ``a === b``."""
    return strict_equals(arg(values, 0), arg(values, 1))


def strict_ne(context: Evaluation, values: list[Any], data: Any) -> bool:
    """Return ``a !== b``."""
    return not strict_equals(arg(values, 0), arg(values, 1))


def gt(context: Evaluation, values: list[Any], data: Any) -> bool:
    """Return ``a > b``."""
    return greater_than(arg(values, 0), arg(values, 1), context)


def ge(context: Evaluation, values: list[Any], data: Any) -> bool:
    """Return ``a >= b``."""
    return greater_or_equal(arg(values, 0), arg(values, 1), context)


def lt(context: Evaluation, values: list[Any], data: Any) -> bool:
    """Return ``a < b``, or with a third argument ``a < b < c`` (exclusive between)."""
    first, middle, last = arg(values, 0), arg(values, 1), arg(values, 2)
    if last is UNDEFINED:
        return less_than(first, middle, context)
    return less_than(first, middle, context) and less_than(middle, last, context)


def le(context: Evaluation, values: list[Any], data: Any) -> bool:
    """Return ``a <= b``, or with a third argument ``a <= b <= c`` (inclusive between)."""
    first, middle, last = arg(values, 0), arg(values, 1), arg(values, 2)
    if last is UNDEFINED:
        return less_or_equal(first, middle, context)
    return less_or_equal(first, middle, context) and less_or_equal(middle, last, context)

"""Arithmetic: ``+`` ``-`` ``*`` ``/`` ``%`` ``max`` ``min``, with JavaScript's numbers.

``+`` and ``*`` go through ``parseFloat`` like json-logic-js (``"3 apples"`` counts as 3);
``-``, ``/``, ``%``, ``max`` and ``min`` use ``Number()`` (``"3 apples"`` is NaN). Results
that are safe integers come back as ``int``; NaN and the infinities as floats.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from gongwen.expressions.arguments import arg
from gongwen.expressions.coercion import to_number, to_parsed_float
from gongwen.expressions.exceptions import ExpressionTypeError
from gongwen.expressions.numerics import js_number
from gongwen.expressions.values import UNDEFINED

if TYPE_CHECKING:
    from gongwen.expressions.context import Evaluation


def add(context: Evaluation, values: list[Any], data: Any) -> int | float:
    """Return the sum of the arguments (strings cast by ``parseFloat``); 0 for none."""
    total = 0.0
    for value in values:
        total = to_parsed_float(total) + to_parsed_float(value, context)
    return js_number(total)


def multiply(context: Evaluation, values: list[Any], data: Any) -> Any:
    """Return the product of the arguments; a single argument comes back unchanged."""
    if not values:
        raise ExpressionTypeError("*: reduce of an empty argument list")
    product = values[0]
    for value in values[1:]:
        product = js_number(to_parsed_float(product, context) * to_parsed_float(value, context))
    return product


def subtract(context: Evaluation, values: list[Any], data: Any) -> int | float:
    """Return ``a - b``, or ``-a`` with one argument."""
    left, right = arg(values, 0), arg(values, 1)
    if right is UNDEFINED:
        return js_number(-to_number(left, context))
    return js_number(to_number(left, context) - to_number(right, context))


def divide(context: Evaluation, values: list[Any], data: Any) -> int | float:
    """Return ``a / b``; dividing by zero gives ±Infinity or NaN, as in JavaScript."""
    left, right = to_number(arg(values, 0), context), to_number(arg(values, 1), context)
    if right == 0:
        if left == 0 or math.isnan(left):
            return math.nan
        return math.copysign(math.inf, left) * math.copysign(1.0, right)
    return js_number(left / right)


def remainder(context: Evaluation, values: list[Any], data: Any) -> int | float:
    """Return ``a % b`` with the sign of ``a`` (JavaScript's remainder)."""
    left, right = to_number(arg(values, 0), context), to_number(arg(values, 1), context)
    if math.isnan(left) or math.isnan(right) or math.isinf(left) or right == 0:
        return math.nan
    if math.isinf(right):
        return js_number(left)
    return js_number(math.fmod(left, right))


def _numbers(values: list[Any], context: Evaluation) -> list[float]:
    return [to_number(value, context) for value in values]


def max_(context: Evaluation, values: list[Any], data: Any) -> int | float:
    """Return the largest argument as a number (``-Infinity`` for none, NaN if any is NaN)."""
    numbers = _numbers(values, context)
    if any(math.isnan(number) for number in numbers):
        return math.nan
    # Sorting key puts +0 above -0, as Math.max does.
    return js_number(max(numbers, key=lambda n: (n, math.copysign(1.0, n)), default=-math.inf))


def min_(context: Evaluation, values: list[Any], data: Any) -> int | float:
    """Return the smallest argument as a number (``Infinity`` for none, NaN if any is NaN)."""
    numbers = _numbers(values, context)
    if any(math.isnan(number) for number in numbers):
        return math.nan
    return js_number(min(numbers, key=lambda n: (n, math.copysign(1.0, n)), default=math.inf))

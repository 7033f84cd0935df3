"""Logic and control: ``if``/``?:``, ``and``, ``or`` (lazy), ``!`` and ``!!``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gongwen.expressions.arguments import arg
from gongwen.expressions.values import UNDEFINED, truthy

if TYPE_CHECKING:
    from gongwen.expressions.context import Evaluation


def if_(context: Evaluation, args: list[Any], data: Any) -> Any:
    """Return the branch after the first truthy condition, the trailing else, or null."""
    index = 0
    while index < len(args) - 1:
        if truthy(context.apply(args[index], data)):
            return context.apply(args[index + 1], data)
        index += 2
    if len(args) == index + 1:
        return context.apply(args[index], data)
    return None


def and_(context: Evaluation, args: list[Any], data: Any) -> Any:
    """Return the first falsy argument's value, else the last one's."""
    current: Any = UNDEFINED
    for logic in args:
        current = context.apply(logic, data)
        if not truthy(current):
            return current
    return current


def or_(context: Evaluation, args: list[Any], data: Any) -> Any:
    """Return the first truthy argument's value, else the last one's."""
    current: Any = UNDEFINED
    for logic in args:
        current = context.apply(logic, data)
        if truthy(current):
            return current
    return current


def not_(context: Evaluation, values: list[Any], data: Any) -> bool:
    """Return the negated truthiness of the argument."""
    return not truthy(arg(values, 0))


def truthy_(context: Evaluation, values: list[Any], data: Any) -> bool:
    """Return the truthiness of the argument."""
    return truthy(arg(values, 0))

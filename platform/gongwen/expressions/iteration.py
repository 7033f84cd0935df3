"""Array iteration: ``map``, ``filter``, ``reduce``, ``all``, ``none``, ``some``.

The first argument is evaluated against the data; the second is applied to each item with
the item as the data (``{"var": ""}`` is the item; in ``reduce``, ``current`` and
``accumulator``). Anything but an array iterates as empty.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gongwen.expressions.arguments import arg
from gongwen.expressions.context import defined
from gongwen.expressions.values import truthy

if TYPE_CHECKING:
    from gongwen.expressions.context import Evaluation


def _scope(context: Evaluation, args: list[Any], data: Any) -> tuple[list[Any] | None, Any]:
    items = context.apply(arg(args, 0), data)
    if not isinstance(items, list):
        return None, arg(args, 1)
    context.check_array(len(items))
    return items, arg(args, 1)


def map_(context: Evaluation, args: list[Any], data: Any) -> list[Any]:
    """Return the logic's value for each item."""
    items, logic = _scope(context, args, data)
    return [defined(context.apply(logic, item)) for item in items or ()]


def filter_(context: Evaluation, args: list[Any], data: Any) -> list[Any]:
    """Return the items for which the logic is truthy."""
    items, logic = _scope(context, args, data)
    return [item for item in items or () if truthy(context.apply(logic, item))]


def reduce_(context: Evaluation, args: list[Any], data: Any) -> Any:
    """Fold the items: the logic sees ``current`` and ``accumulator``; start from the
    third argument (evaluated against the data) or null."""
    items, logic = _scope(context, args, data)
    accumulator = context.apply(args[2], data) if len(args) > 2 else None
    for item in items or ():
        scope = {"current": item, "accumulator": defined(accumulator)}
        accumulator = context.apply(logic, scope)
    return accumulator


def all_(context: Evaluation, args: list[Any], data: Any) -> bool:
    """Tell whether the logic is truthy for every item (false for an empty array)."""
    items, logic = _scope(context, args, data)
    if not items:
        return False
    return all(truthy(context.apply(logic, item)) for item in items)


def none_(context: Evaluation, args: list[Any], data: Any) -> bool:
    """Tell whether the logic is falsy for every item (true for an empty array)."""
    items, logic = _scope(context, args, data)
    return not any(truthy(context.apply(logic, item)) for item in items or ())


def some_(context: Evaluation, args: list[Any], data: Any) -> bool:
    """Tell whether the logic is truthy for at least one item (false for an empty array)."""
    items, logic = _scope(context, args, data)
    return any(truthy(context.apply(logic, item)) for item in items or ())

"""The one place the supported operators are declared: a typed registry.

``SUPPORTED_OPERATORS`` is derived from ``REGISTRY``; the evaluator and ``check()`` read
nothing else. To add an operator, see ``docs/definitions/conditions.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gongwen.expressions import arithmetic, comparison, control, iteration, lookups, sequences

if TYPE_CHECKING:
    from gongwen.expressions.context import Evaluation

# (context, arguments, data) -> value. Eager operators get evaluated arguments; lazy ones get
# the raw argument logic and decide what to evaluate (short-circuit, per-item scopes).
OperatorFunction = Callable[["Evaluation", list[Any], Any], Any]


@dataclass(frozen=True, slots=True)
class Operator:
    """A JSON Logic operator: its name, implementation and the arity ``check()`` enforces.

    Attributes:
        name: The key of the operation object (``"=="``, ``"var"`` …).
        function: The implementation, as json-logic-js behaves.
        min_args: Fewest arguments a well-formed rule passes.
        max_args: Most arguments a well-formed rule passes; ``None`` for no limit.
        lazy: True when ``function`` receives unevaluated arguments.
    """

    name: str
    function: OperatorFunction
    min_args: int
    max_args: int | None
    lazy: bool = False

    def accepts(self, count: int) -> bool:
        """Tell whether a rule may pass ``count`` arguments."""
        return count >= self.min_args and (self.max_args is None or count <= self.max_args)

    def arity_text(self) -> str:
        """Return the accepted argument count for messages: ``2``, ``2–3``, ``1+``."""
        if self.max_args is None:
            return f"{self.min_args}+"
        if self.max_args == self.min_args:
            return str(self.min_args)
        return f"{self.min_args}–{self.max_args}"


class OperatorRegistry:
    """Operators by name; registering a name twice fails loudly."""

    def __init__(self, operators: Iterable[Operator] = ()) -> None:
        self._operators: dict[str, Operator] = {}
        for operator in operators:
            self.register(operator)

    def register(self, operator: Operator) -> None:
        """Add ``operator``; raise ``ValueError`` if its name is taken."""
        if operator.name in self._operators:
            raise ValueError(f"operator {operator.name!r} is already registered")
        self._operators[operator.name] = operator

    def find(self, name: str) -> Operator | None:
        """Return the operator called ``name``, or ``None``."""
        return self._operators.get(name)

    def names(self) -> frozenset[str]:
        """Return the names of all registered operators."""
        return frozenset(self._operators)


def _op(name: str, function: OperatorFunction, arity: tuple[int, int | None]) -> Operator:
    return Operator(name, function, *arity)


def _lazy(name: str, function: OperatorFunction, arity: tuple[int, int | None]) -> Operator:
    return Operator(name, function, *arity, lazy=True)


REGISTRY = OperatorRegistry(
    [
        # Data access
        _op("var", lookups.var, (0, 2)),
        _op("missing", lookups.missing, (1, None)),
        _op("missing_some", lookups.missing_some, (2, 2)),
        # Logic and control (lazy: they short-circuit)
        _lazy("if", control.if_, (2, None)),
        _lazy("?:", control.if_, (3, 3)),
        _lazy("and", control.and_, (1, None)),
        _lazy("or", control.or_, (1, None)),
        _op("!", control.not_, (1, 1)),
        _op("!!", control.truthy_, (1, 1)),
        # Comparison
        _op("==", comparison.loose_eq, (2, 2)),
        _op("===", comparison.strict_eq, (2, 2)),
        _op("!=", comparison.loose_ne, (2, 2)),
        _op("!==", comparison.strict_ne, (2, 2)),
        _op(">", comparison.gt, (2, 2)),
        _op(">=", comparison.ge, (2, 2)),
        _op("<", comparison.lt, (2, 3)),
        _op("<=", comparison.le, (2, 3)),
        # Arithmetic
        _op("max", arithmetic.max_, (1, None)),
        _op("min", arithmetic.min_, (1, None)),
        _op("+", arithmetic.add, (1, None)),
        _op("-", arithmetic.subtract, (1, 2)),
        _op("*", arithmetic.multiply, (1, None)),
        _op("/", arithmetic.divide, (2, 2)),
        _op("%", arithmetic.remainder, (2, 2)),
        # Arrays (lazy: the second argument runs once per item, with the item as data)
        _lazy("map", iteration.map_, (2, 2)),
        _lazy("filter", iteration.filter_, (2, 2)),
        _lazy("reduce", iteration.reduce_, (2, 3)),
        _lazy("all", iteration.all_, (2, 2)),
        _lazy("none", iteration.none_, (2, 2)),
        _lazy("some", iteration.some_, (2, 2)),
        _op("merge", sequences.merge, (1, None)),
        _op("in", sequences.in_, (2, 2)),
        # Strings
        _op("cat", sequences.cat, (1, None)),
        _op("substr", sequences.substr, (2, 3)),
    ]
)

SUPPORTED_OPERATORS: frozenset[str] = REGISTRY.names()

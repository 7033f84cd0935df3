"""The per-evaluation context: applies logic, meters steps, enforces the sandbox limits."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gongwen.expressions.exceptions import ExpressionLimitExceeded, UnsupportedOperator
from gongwen.expressions.limits import Limits
from gongwen.expressions.values import UNDEFINED

if TYPE_CHECKING:
    from gongwen.expressions.operators import OperatorRegistry


def defined(value: Any) -> Any:
    """Return ``value`` with JavaScript's ``undefined`` turned into ``None`` (JSON's null)."""
    return None if value is UNDEFINED else value


class Evaluation:
    """One run of a rule over data: the ``apply`` of json-logic-js, metered.

    Attributes:
        limits: The sandbox limits in force.
        steps: Units of work done so far (see ``Limits.max_steps``).
        depth: Containers of logic currently being applied, the rule's root included.
    """

    def __init__(self, limits: Limits, registry: OperatorRegistry) -> None:
        self.limits = limits
        self.registry = registry
        self.steps = 0
        self.depth = 0

    def charge(self, units: int) -> None:
        """Count ``units`` of work; raise ``ExpressionLimitExceeded`` past ``max_steps``."""
        self.steps += units
        if self.steps > self.limits.max_steps:
            raise ExpressionLimitExceeded(
                "max_steps",
                f"evaluation took more than {self.limits.max_steps} steps",
                code="expression.too_many_steps",
            )

    def check_string(self, length: int) -> None:
        """Raise ``ExpressionLimitExceeded`` when a produced string would be too long."""
        if length > self.limits.max_string_length:
            raise ExpressionLimitExceeded(
                "max_string_length",
                f"a string longer than {self.limits.max_string_length} would be produced",
                code="expression.result_too_large",
            )

    def check_array(self, length: int) -> None:
        """Raise ``ExpressionLimitExceeded`` when a produced array would be too long."""
        if length > self.limits.max_array_length:
            raise ExpressionLimitExceeded(
                "max_array_length",
                f"an array longer than {self.limits.max_array_length} would be produced",
                code="expression.result_too_large",
            )

    def apply(self, logic: Any, data: Any) -> Any:
        """Evaluate ``logic`` against ``data`` (arrays element-wise, literals as themselves)."""
        self.charge(1)
        is_array = isinstance(logic, list)
        if not is_array and not (isinstance(logic, dict) and len(logic) == 1):
            return logic
        self.depth += 1
        try:
            if self.depth > self.limits.max_depth:
                raise ExpressionLimitExceeded(
                    "max_depth",
                    f"logic nests deeper than {self.limits.max_depth}",
                    code="expression.too_deep",
                )
            if is_array:
                self.check_array(len(logic))
                return [defined(self.apply(item, data)) for item in logic]
            return self._operate(logic, data)
        finally:
            self.depth -= 1

    def _operate(self, logic: dict[str, Any], data: Any) -> Any:
        ((name, args),) = logic.items()
        operator = self.registry.find(name)
        if operator is None:
            raise UnsupportedOperator(name)
        if not isinstance(args, list):
            args = [args]  # unary sugar: {"var": "a"} is {"var": ["a"]}
        if operator.lazy:
            return operator.function(self, args, data)
        values = [self.apply(arg, data) for arg in args]
        return operator.function(self, values, data)

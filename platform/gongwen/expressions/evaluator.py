"""``evaluate``: run a rule over data in the sandbox, as json-logic-js would in the browser."""

from __future__ import annotations

from typing import Any

from gongwen.expressions.context import Evaluation, defined
from gongwen.expressions.exceptions import ExpressionError, ExpressionLimitExceeded
from gongwen.expressions.limits import DEFAULT_LIMITS, Limits
from gongwen.expressions.operators import REGISTRY
from gongwen.expressions.structure import ensure_data, ensure_rule


def evaluate(rule: Any, data: Any, *, limits: Limits | None = None) -> Any:
    """Evaluate the JSON Logic ``rule`` against ``data`` and return the result.

    The rule and the data must be JSON values (dict with str keys, list, str, int, float,
    bool, None). JavaScript's ``undefined`` comes back as ``None``; NaN and the infinities as
    floats.

    Args:
        rule: The JSON Logic rule.
        data: The data ``var`` reads.
        limits: Sandbox limits; ``DEFAULT_LIMITS`` when omitted.

    Returns:
        The rule's value, as the reference JavaScript implementation computes it.

    Raises:
        ExpressionError: Or a subclass (``UnsupportedOperator``, ``ExpressionLimitExceeded``,
            ``ExpressionTypeError``); evaluation raises nothing else.
    """
    limits = limits or DEFAULT_LIMITS
    ensure_rule(rule, limits)
    ensure_data(data)
    evaluation = Evaluation(limits, REGISTRY)
    try:
        return defined(evaluation.apply(rule, data))
    except ExpressionError:
        raise
    except RecursionError as exc:  # only reachable when the caller's stack is already deep
        raise ExpressionLimitExceeded(
            "max_depth", "the Python stack ran out", code="expression.too_deep"
        ) from exc
    except (ArithmeticError, LookupError, TypeError, ValueError, MemoryError) as exc:
        # A bug of ours must still honour the contract; the cause stays chained for logs.
        raise ExpressionError(
            f"internal error: {type(exc).__name__}", code="expression.internal"
        ) from exc

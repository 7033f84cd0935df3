"""Conditions as JSON Logic data, evaluated by a sandbox — never eval (contract 7).

Start with ``evaluate`` (run a rule) and ``check`` (static problems); ``variables``,
``variable_refs`` and ``comparisons`` read a rule for the definitions validator. See
``README.md`` here and ``docs/definitions/conditions.md``.
"""

from gongwen.expressions.analysis import (
    COMPARISON_OPERATORS,
    Comparison,
    VarRef,
    comparisons,
    variable_refs,
    variables,
)
from gongwen.expressions.evaluator import evaluate
from gongwen.expressions.exceptions import (
    ExpressionError,
    ExpressionLimitExceeded,
    ExpressionTypeError,
    UnsupportedOperator,
)
from gongwen.expressions.limits import DEFAULT_LIMITS, HARD_MAX_DEPTH, Limits
from gongwen.expressions.operators import REGISTRY, SUPPORTED_OPERATORS, Operator
from gongwen.expressions.problems import ExpressionProblem, ProblemCode, check

__all__ = [
    "COMPARISON_OPERATORS",
    "DEFAULT_LIMITS",
    "HARD_MAX_DEPTH",
    "REGISTRY",
    "SUPPORTED_OPERATORS",
    "Comparison",
    "ExpressionError",
    "ExpressionLimitExceeded",
    "ExpressionProblem",
    "ExpressionTypeError",
    "Limits",
    "Operator",
    "ProblemCode",
    "UnsupportedOperator",
    "VarRef",
    "check",
    "comparisons",
    "evaluate",
    "variable_refs",
    "variables",
]

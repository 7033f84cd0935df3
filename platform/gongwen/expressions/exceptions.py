"""The only exceptions evaluation raises: every one is an ``ExpressionError``.

``ExpressionError`` is a :class:`~gongwen.errors.GongwenError` (an invalid request, 400): a
rule that cannot be evaluated is the definition's fault, and it says where (``pointer``).
"""

from __future__ import annotations

from gongwen.errors import InvalidRequest


class ExpressionError(InvalidRequest):
    """Raise when a rule cannot be evaluated; ``code`` is stable, ``pointer`` locates the node.

    Attributes:
        code: A stable dotted error code (``expression.…``), the same family ``check()`` uses.
        pointer: A JSON Pointer relative to the rule, or ``""`` when it is the rule as a whole.
    """

    code = "expression.error"

    def __init__(self, message: str, *, pointer: str = "", code: str | None = None) -> None:
        super().__init__(message, pointer=pointer)
        if code is not None:
            self.code = code


class UnsupportedOperator(ExpressionError):
    """Raise when a rule names an operator outside ``SUPPORTED_OPERATORS``."""

    code = "expression.unsupported_operator"

    def __init__(self, operator: str, *, pointer: str = "") -> None:
        super().__init__(f"unsupported operator {operator!r}", pointer=pointer)
        self.operator = operator


class ExpressionLimitExceeded(ExpressionError):
    """Raise when a rule or its evaluation goes past one of the sandbox ``Limits``.

    Attributes:
        limit: The name of the ``Limits`` field that was exceeded (e.g. ``"max_steps"``).
    """

    code = "expression.limit_exceeded"

    def __init__(self, limit: str, message: str, *, code: str, pointer: str = "") -> None:
        super().__init__(message, pointer=pointer, code=code)
        self.limit = limit


class ExpressionTypeError(ExpressionError):
    """Raise for input that is not JSON data, or where the reference implementation throws."""

    code = "expression.type_error"

"""``check``: every static problem of a rule at once, each with a JSON Pointer and a code.

How strict we are: the evaluator follows json-logic-js and treats an object with other than
one key as a literal value, but no condition in a definition needs an object literal, and a
two-key object is nearly always a slip (``{"==": [...], "var": "x"}``), so ``check`` reports
every such object, ``{}`` included, as ``expression.malformed``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from gongwen.expressions.limits import DEFAULT_LIMITS, Limits
from gongwen.expressions.operators import REGISTRY
from gongwen.expressions.structure import Path, child, non_json_reason, pointer_of
from gongwen.expressions.values import utf16_length

# Operators json-logic-js has that we refuse on purpose, with the reason shown to authors.
_REFUSED = {
    "log": (
        "log 会在服务器上产生副作用(写日志),条件中不允许使用",
        "log has a side effect (console output) and is not allowed in conditions",
    ),
}


class ProblemCode(StrEnum):
    """Stable codes of the problems ``check`` reports."""

    UNSUPPORTED_OPERATOR = "expression.unsupported_operator"
    BAD_ARITY = "expression.bad_arity"
    TOO_DEEP = "expression.too_deep"
    TOO_LARGE = "expression.too_large"
    MALFORMED = "expression.malformed"


@dataclass(frozen=True, slots=True)
class ExpressionProblem:
    """One problem of a rule.

    Attributes:
        pointer: JSON Pointer relative to the rule (``""`` is the rule itself).
        code: A ``ProblemCode`` value.
        message_zh: The message in Chinese.
        message_en: The message in English.
    """

    pointer: str
    code: str
    message_zh: str
    message_en: str


def check(rule: Any, *, limits: Limits | None = None) -> list[ExpressionProblem]:
    """Return every static problem of ``rule``, in document order; never raise.

    Args:
        rule: A JSON Logic rule.
        limits: The limits the rule will be evaluated under; ``DEFAULT_LIMITS`` if omitted.
    """
    limits = limits or DEFAULT_LIMITS
    problems: list[ExpressionProblem] = []
    stack: list[tuple[Any, int, Path]] = [(rule, 0, None)]
    nodes = 0
    while stack:
        value, depth, path = stack.pop()
        nodes += 1
        if nodes > limits.max_nodes:
            problems.append(_too_large_rule(limits))
            break
        stack.extend(reversed(_inspect(value, depth, path, limits, problems)))
    return problems


def _inspect(
    value: Any, depth: int, path: Path, limits: Limits, problems: list[ExpressionProblem]
) -> list[tuple[Any, int, Path]]:
    """Record the problems of one value; return its children to inspect, in order."""
    reason = non_json_reason(value)
    if reason:
        problems.append(_problem(path, ProblemCode.MALFORMED, f"不是 JSON 数据:{reason}", reason))
        return []
    if isinstance(value, str) and utf16_length(value) > limits.max_string_length:
        problems.append(_too_long_string(path, limits))
    if not isinstance(value, dict | list):
        return []
    if depth + 1 > limits.max_depth:
        problems.append(_too_deep(path, limits))
        return []
    if isinstance(value, list):
        return [(item, depth + 1, child(path, index)) for index, item in enumerate(value)]
    if len(value) != 1:
        problems.append(_object_literal(path, len(value)))
        return []
    ((name, args),) = value.items()
    _check_operator(name, args, path, problems)
    if isinstance(args, list):
        args_path = child(path, name)
        if depth + 2 > limits.max_depth:
            problems.append(_too_deep(args_path, limits))
            return []
        return [(item, depth + 2, child(args_path, index)) for index, item in enumerate(args)]
    return [(args, depth + 1, child(path, name))]


def _check_operator(name: str, args: Any, path: Path, problems: list[ExpressionProblem]) -> None:
    operator = REGISTRY.find(name)
    if operator is None:
        zh, en = _REFUSED.get(name, (f"不支持的运算符 “{name}”", f"unsupported operator {name!r}"))
        problems.append(_problem(path, ProblemCode.UNSUPPORTED_OPERATOR, zh, en))
        return
    count = len(args) if isinstance(args, list) else 1
    if not operator.accepts(count):
        arity = operator.arity_text()
        problems.append(
            _problem(
                path,
                ProblemCode.BAD_ARITY,
                f"运算符 “{name}” 需要 {arity} 个参数,实际为 {count} 个",
                f"operator {name!r} takes {arity} argument(s), got {count}",
            )
        )


def _problem(path: Path, code: ProblemCode, zh: str, en: str) -> ExpressionProblem:
    return ExpressionProblem(pointer_of(path), code.value, zh, en)


def _too_deep(path: Path, limits: Limits) -> ExpressionProblem:
    return _problem(
        path,
        ProblemCode.TOO_DEEP,
        f"条件嵌套超过 {limits.max_depth} 层",
        f"the rule nests deeper than {limits.max_depth} levels",
    )


def _too_large_rule(limits: Limits) -> ExpressionProblem:
    return _problem(
        None,
        ProblemCode.TOO_LARGE,
        f"条件超过 {limits.max_nodes} 个节点",
        f"the rule has more than {limits.max_nodes} nodes",
    )


def _too_long_string(path: Path, limits: Limits) -> ExpressionProblem:
    return _problem(
        path,
        ProblemCode.TOO_LARGE,
        f"字符串长度超过 {limits.max_string_length}",
        f"the string is longer than {limits.max_string_length}",
    )


def _object_literal(path: Path, keys: int) -> ExpressionProblem:
    return _problem(
        path,
        ProblemCode.MALFORMED,
        f"此处的对象应恰有一个键(运算符),实际有 {keys} 个",
        f"an object here must have exactly one key (the operator), it has {keys}",
    )

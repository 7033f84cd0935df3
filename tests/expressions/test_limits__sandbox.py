"""Hostile rules and data end in a clean ``ExpressionError``, never a crash or a hang."""

from __future__ import annotations

import pytest

from gongwen.expressions import (
    DEFAULT_LIMITS,
    HARD_MAX_DEPTH,
    ExpressionError,
    ExpressionLimitExceeded,
    ExpressionTypeError,
    Limits,
    UnsupportedOperator,
    check,
    evaluate,
)


def _nested(depth: int, operator: str = "!") -> dict:
    rule: object = True
    for _ in range(depth):
        rule = {operator: [rule]}
    return rule


def test_a_rule_nested_100000_deep_is_refused_cleanly() -> None:
    with pytest.raises(ExpressionLimitExceeded) as caught:
        evaluate(_nested(100_000), {})
    assert caught.value.code == "expression.too_deep"
    assert caught.value.limit == "max_depth"


def test_check_reports_a_100000_deep_rule_without_raising() -> None:
    problems = check(_nested(100_000))
    assert [p.code for p in problems] == ["expression.too_deep"]
    assert problems[0].pointer.startswith("/!/0/!/0")


def test_a_nested_array_100000_deep_is_refused_cleanly() -> None:
    rule: object = 1
    for _ in range(100_000):
        rule = [rule]
    with pytest.raises(ExpressionLimitExceeded, match="deeper"):
        evaluate(rule, None)


def test_the_deepest_allowed_rule_evaluates() -> None:
    limits = Limits(max_depth=HARD_MAX_DEPTH)
    # Each "!" level is an object and its argument array: two containers.
    assert evaluate(_nested(HARD_MAX_DEPTH // 2 - 1), None, limits=limits) is False
    with pytest.raises(ExpressionLimitExceeded):
        evaluate(_nested(HARD_MAX_DEPTH // 2 + 1), None, limits=limits)


def test_too_many_nodes_is_refused() -> None:
    rule = {"+": list(range(DEFAULT_LIMITS.max_nodes))}
    with pytest.raises(ExpressionLimitExceeded) as caught:
        evaluate(rule, None)
    assert caught.value.code == "expression.too_large"
    assert [p.code for p in check(rule)] == ["expression.too_large"]


def test_limits_are_overridable_by_keyword() -> None:
    rule = {"+": [1, 2, 3]}
    assert evaluate(rule, None, limits=Limits(max_nodes=5)) == 6
    with pytest.raises(ExpressionLimitExceeded):
        evaluate(rule, None, limits=DEFAULT_LIMITS.replace(max_nodes=4))


@pytest.mark.parametrize(
    "changes", [{"max_depth": HARD_MAX_DEPTH + 1}, {"max_steps": 0}, {"max_array_length": -1}]
)
def test_limits_refuse_unsafe_values(changes) -> None:
    with pytest.raises(ValueError):
        Limits(**changes)


def test_step_budget_stops_quadratic_work() -> None:
    data = {"items": list(range(5_000))}
    rule = {"map": [{"var": "items"}, {"in": [1, [{"var": ""}]]}]}
    assert len(evaluate(rule, data)) == 5_000
    quadratic = {"filter": [{"var": "items"}, {"in": [{"var": ""}, {"var": ""}]}]}
    assert evaluate(quadratic, data) == []  # "in" a number is false, cheaply
    with pytest.raises(ExpressionLimitExceeded) as caught:
        evaluate(
            {"map": [{"var": "items"}, {"merge": [{"var": ""}]}]},
            data,
            limits=Limits(max_steps=1_000),
        )
    assert caught.value.code == "expression.too_many_steps"


def test_step_budget_counts_walking_data_arrays() -> None:
    data = {"big": list(range(9_000))}
    # reduce carries the whole array as the accumulator, and "in" walks it once per item:
    # 81 million comparisons without a budget.
    keep = {"if": [{"in": [-1, {"var": "accumulator"}]}, 0, {"var": "accumulator"}]}
    rule = {"reduce": [{"var": "big"}, keep, {"var": "big"}]}
    assert evaluate(rule, {"big": list(range(10))}) == list(range(10))
    with pytest.raises(ExpressionLimitExceeded) as caught:
        evaluate(rule, data)
    assert caught.value.limit == "max_steps"


def test_cat_cannot_build_a_huge_string() -> None:
    data = {"s": "x" * 40_000}
    with pytest.raises(ExpressionLimitExceeded) as caught:
        evaluate({"cat": [{"var": "s"}, {"var": "s"}]}, data)
    assert caught.value.limit == "max_string_length"
    assert caught.value.code == "expression.result_too_large"


def test_stringifying_a_huge_array_is_bounded() -> None:
    data = {"a": ["xxxxxxxxxx"] * 9_000}
    with pytest.raises(ExpressionLimitExceeded):
        evaluate({"cat": [{"var": "a"}]}, data)
    with pytest.raises(ExpressionLimitExceeded):
        evaluate({"==": [{"var": "a"}, "x"]}, data)


def test_merge_cannot_build_a_huge_array() -> None:
    data = {"a": list(range(6_000))}
    with pytest.raises(ExpressionLimitExceeded) as caught:
        evaluate({"merge": [{"var": "a"}, {"var": "a"}]}, data)
    assert caught.value.limit == "max_array_length"


def test_map_over_data_longer_than_the_array_limit_is_refused() -> None:
    data = {"a": list(range(DEFAULT_LIMITS.max_array_length + 1))}
    with pytest.raises(ExpressionLimitExceeded):
        evaluate({"map": [{"var": "a"}, 1]}, data)


def _deep_list(depth: int) -> object:
    deep: object = "bottom"
    for _ in range(depth):
        deep = [deep]
    return deep


def test_deep_data_is_read_and_stringified_without_recursion() -> None:
    data = {"d": _deep_list(30_000)}
    assert evaluate({"cat": [{"var": "d"}]}, data) == "bottom"
    assert evaluate({"==": [{"var": "d"}, "bottom"]}, data) is True
    assert evaluate({"var": "d.0.0.0"}, data) is data["d"][0][0][0]  # type: ignore[index]


def test_stringifying_data_100000_deep_runs_out_of_steps_cleanly() -> None:
    with pytest.raises(ExpressionLimitExceeded) as caught:
        evaluate({"cat": [{"var": "d"}]}, {"d": _deep_list(100_000)})
    assert caught.value.limit == "max_steps"


def test_logic_hidden_in_data_is_bounded_too() -> None:
    # missing re-applies its keys as logic, as json-logic-js does: data can carry logic.
    hostile: object = "k"
    for _ in range(10_000):
        hostile = {"var": [hostile]}
    with pytest.raises(ExpressionLimitExceeded):
        evaluate({"missing": [{"var": "x"}]}, {"x": hostile})


@pytest.mark.parametrize(
    "data", [object(), {"a": {1, 2}}, {"a": (1, 2)}, {1: "int key"}, {"f": len}, b"bytes"]
)
def test_non_json_data_is_refused(data) -> None:
    with pytest.raises(ExpressionTypeError):
        evaluate({"var": "a"}, data)


def test_cyclic_data_is_refused_and_shared_data_is_fine() -> None:
    cyclic: list = []
    cyclic.append(cyclic)
    with pytest.raises(ExpressionTypeError, match="itself"):
        evaluate({"var": ""}, {"c": cyclic})
    shared = {"x": 1}
    assert evaluate({"var": "b.x"}, {"a": shared, "b": shared}) == 1


@pytest.mark.parametrize("rule", [{"var": object()}, {"==": [(1,), 1]}, {1.5: 2}])
def test_non_json_rules_are_refused(rule) -> None:
    with pytest.raises(ExpressionTypeError):
        evaluate(rule, {})


def test_no_python_attribute_is_reachable() -> None:
    for path in ("__class__", "a.__class__", "a.__dict__", "a.keys", "s.upper", "l.append"):
        assert evaluate({"var": path}, {"a": {}, "s": "x", "l": []}) is None


def test_unsupported_operator_is_an_expression_error() -> None:
    with pytest.raises(UnsupportedOperator) as caught:
        evaluate({"if": [True, {"eval": ["__import__('os')"]}]}, {})
    assert isinstance(caught.value, ExpressionError)
    assert caught.value.operator == "eval"

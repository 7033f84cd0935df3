"""``check`` reports every static problem at once, with a stable code and a JSON Pointer."""

from __future__ import annotations

import pytest

from gongwen.expressions import SUPPORTED_OPERATORS, ExpressionProblem, Limits, ProblemCode, check


def _codes(rule, **kwargs) -> list[tuple[str, str]]:
    return [(p.pointer, p.code) for p in check(rule, **kwargs)]


@pytest.mark.parametrize(
    "rule",
    [
        {"and": [{"==": [{"var": "a"}, 1]}, {"in": ["x", {"var": "list"}]}]},
        {"if": [{"missing": ["a"]}, "need a", {"<": [0, {"var": "n"}, 10]}, "ok", "no"]},
        {"reduce": [{"var": "xs"}, {"+": [{"var": "current"}, {"var": "accumulator"}]}, 0]},
        {"var": "a"},
        {"!": True},
        17,
        "text",
        None,
        [1, {"var": "a"}],
    ],
)
def test_a_well_formed_rule_has_no_problems(rule) -> None:
    assert check(rule) == []


def test_every_problem_is_reported_at_once_in_document_order() -> None:
    rule = {
        "and": [
            {"==": [{"var": "a"}, 1]},
            {"log": ["debug"]},
            {"==": [1], "var": "x"},
            {"<": [{"nope": []}]},
            {"!": []},
        ]
    }
    assert _codes(rule) == [
        ("/and/1", "expression.unsupported_operator"),
        ("/and/2", "expression.malformed"),
        ("/and/3", "expression.bad_arity"),
        ("/and/3/</0", "expression.unsupported_operator"),
        ("/and/4", "expression.bad_arity"),
    ]


def test_problems_carry_chinese_and_english_messages() -> None:
    (problem,) = check({"regex": ["a", "b"]})
    assert problem == ExpressionProblem(
        "",
        ProblemCode.UNSUPPORTED_OPERATOR,
        "不支持的运算符 “regex”",
        "unsupported operator 'regex'",
    )
    (log,) = check({"log": 1})
    assert "副作用" in log.message_zh
    assert "side effect" in log.message_en


def test_pointer_escapes_operator_names_per_rfc_6901() -> None:
    rule = {"/": [{"~x": []}, 2]}
    assert _codes(rule) == [("/~1/0", "expression.unsupported_operator")]


def test_unary_sugar_argument_pointer_has_no_index() -> None:
    assert _codes({"!": {"nope": 1}}) == [("/!", "expression.unsupported_operator")]


@pytest.mark.parametrize(
    ("rule", "count"),
    [
        ({"==": [1]}, 1),
        ({"==": [1, 2, 3]}, 3),
        ({"?:": [1, 2]}, 2),
        ({"substr": ["abc"]}, 1),
        ({"missing_some": [1]}, 1),
        ({"map": [[1]]}, 1),
        ({"-": [1, 2, 3]}, 3),
        ({"*": []}, 0),
        ({"if": [True]}, 1),
    ],
)
def test_wrong_arity_is_reported(rule, count) -> None:
    (problem,) = check(rule)
    assert problem.code == "expression.bad_arity"
    assert f"got {count}" in problem.message_en


@pytest.mark.parametrize("rule", [{}, {"a": 1, "b": 2}, [{"x": 1, "y": 2}], {"var": {}}])
def test_objects_that_are_not_one_operation_are_malformed(rule) -> None:
    assert [p.code for p in check(rule)] == ["expression.malformed"]


def test_non_json_values_are_malformed_not_raised() -> None:
    assert _codes({"==": [object(), {1: 2}]}) == [
        ("/==/0", "expression.malformed"),
        ("/==/1", "expression.malformed"),
    ]


def test_limits_apply_to_check() -> None:
    rule = {"and": [{"and": [{"and": [True]}]}]}
    assert check(rule, limits=Limits(max_depth=6)) == []
    assert _codes(rule, limits=Limits(max_depth=5)) == [
        ("/and/0/and/0/and", "expression.too_deep")  # the third "and"'s argument array
    ]
    assert _codes("xxxx", limits=Limits(max_string_length=3)) == [("", "expression.too_large")]


def test_every_supported_operator_passes_check_with_a_typical_arity() -> None:
    for name in SUPPORTED_OPERATORS:
        assert check({name: [1, 2]}) == [] or name in {"!", "!!", "?:"}, name

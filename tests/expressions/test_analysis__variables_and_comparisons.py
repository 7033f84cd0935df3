"""The validator's view of a rule: which data it reads and what it compares fields with."""

from __future__ import annotations

from gongwen.expressions import Comparison, VarRef, check, comparisons, variable_refs, variables


def test_variables_lists_static_paths_as_written() -> None:
    rule = {
        "and": [
            {"==": [{"var": "form.urgency"}, "特急"]},
            {"missing": ["form.title", "form.body"]},
            {"missing_some": [1, ["form.phone", "form.mobile"]]},
            {">": [{"var": ["form.pages", 0]}, 10]},
            {"var": 3},
        ]
    }
    assert variables(rule) == {
        "form.urgency",
        "form.title",
        "form.body",
        "form.phone",
        "form.mobile",
        "form.pages",
        "3",
    }


def test_computed_paths_are_reported_as_dynamic() -> None:
    rule = {"var": {"cat": ["form.", {"var": "which"}]}}
    assert variable_refs(rule) == [VarRef(None, ""), VarRef("which", "/var/cat/1")]
    assert variables(rule) == {"which"}


def test_missing_with_a_computed_key_list_is_dynamic() -> None:
    rule = {"missing_some": [1, {"var": "keys"}]}
    assert variable_refs(rule) == [VarRef(None, ""), VarRef("keys", "/missing_some/1")]


def test_whole_data_reads_are_refs_but_not_variables() -> None:
    assert variable_refs({"var": ""}) == [VarRef("", "")]
    assert variable_refs({"var": []}) == [VarRef("", "")]
    assert variables({"var": ""}) == set()


def test_paths_read_from_array_items_are_marked() -> None:
    rule = {"some": [{"var": "form.rows"}, {"==": [{"var": "status"}, "ok"]}]}
    assert variable_refs(rule) == [
        VarRef("form.rows", "/some/0"),
        VarRef("status", "/some/1/==/0", in_iteration=True),
    ]
    assert variables(rule) == {"form.rows"}
    assert comparisons(rule) == []


def test_reduce_initial_value_reads_the_outer_data() -> None:
    rule = {"reduce": [{"var": "xs"}, {"var": "current"}, {"var": "start"}]}
    assert [ref.in_iteration for ref in variable_refs(rule)] == [False, True, False]


def test_comparisons_of_a_var_with_a_literal() -> None:
    rule = {
        "and": [
            {"==": [{"var": "form.due"}, 20260101]},
            {"<": [1, {"var": "form.n"}, 10]},
            {"in": [{"var": "form.kind"}, ["通知", "通报"]]},
            {"in": ["急", {"var": "form.title"}]},
            {"==": [{"var": "a"}, {"var": "b"}]},
            {"!=": [{"var": {"cat": ["x"]}}, 1]},
        ]
    }
    assert comparisons(rule) == [
        Comparison("==", "form.due", 20260101, "/and/0", 0),
        Comparison("<", "form.n", 1, "/and/1", 1),
        Comparison("<", "form.n", 10, "/and/1", 1),
        Comparison("in", "form.kind", ["通知", "通报"], "/and/2", 0),
        Comparison("in", "form.title", "急", "/and/3", 1),
    ]


def test_analysis_of_a_very_deep_rule_does_not_recurse() -> None:
    rule: object = {"var": "x"}
    for _ in range(50_000):
        rule = {"!": [rule]}
    assert variables(rule) == {"x"}


def test_a_cyclic_rule_built_in_python_does_not_hang_analysis_or_check() -> None:
    rule: dict = {"and": [{"var": "a"}]}
    rule["and"].append(rule)
    assert variables(rule) == {"a"}
    assert comparisons(rule) == []
    assert {p.code for p in check(rule)} == {"expression.too_deep"}

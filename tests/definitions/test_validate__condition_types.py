"""Conditions are type-checked on both sides: fields against fields, dates against dates."""

from __future__ import annotations

import pytest

from gongwen.definitions import validate


def with_condition(flow: dict, when: dict) -> dict:
    edges = [dict(e) for e in flow["edges"]]
    edges[2]["when"] = when
    return {**flow, "edges": edges}


def codes(flow: dict, form: dict) -> list[str]:
    return [p.code for p in validate(flow, form=form) if p.code.startswith("form.")]


@pytest.mark.parametrize(
    "when",
    [
        {"<": [{"var": "form.due"}, "2026-03-01"]},
        {">": [{"var": "form.amount"}, {"var": "form.total"}]},  # money against a number
        {"==": [{"var": "form.title"}, {"var": "form.note"}]},
        {"<=": ["2026-01-01", {"var": "form.due"}]},
    ],
)
def test_comparisons_of_one_kind_are_accepted(basic_flow, basic_form, when):
    assert codes(with_condition(basic_flow, when), basic_form) == []


@pytest.mark.parametrize(
    "when",
    [
        {"<": [{"var": "form.due"}, "next week"]},
        {"<": [{"var": "form.due"}, "2026-02-30"]},
        {">": [{"var": "form.due"}, {"var": "form.amount"}]},
        {"==": [{"var": "form.title"}, {"var": "form.amount"}]},
        {"<": [{"var": "form.title"}, {"var": "form.note"}]},  # text is not ordered
        {"and": [True, {"!": {">": [{"var": "form.amount"}, {"var": "form.due"}]}}]},
    ],
)
def test_comparisons_across_kinds_or_with_non_dates_are_refused(basic_flow, basic_form, when):
    assert codes(with_condition(basic_flow, when), basic_form) == ["form.incompatible_comparison"]

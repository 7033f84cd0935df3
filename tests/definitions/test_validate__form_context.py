"""How a flow is checked against its form, and what happens without one."""

from __future__ import annotations

from gongwen.definitions import validate
from gongwen.definitions.registries import numbering_series_lookup

from .conftest import FIXTURES, load


def codes(problems) -> list[tuple[str, str]]:
    return [(p.code, p.pointer) for p in problems]


def test_without_the_form_field_checks_are_skipped_but_expressions_are_not():
    flow = load(FIXTURES / "invalid" / "flow.unknown_field_permission.json")
    assert validate(flow) == []
    flow = load(FIXTURES / "invalid" / "expression.unsupported_operator.json")
    assert codes(validate(flow)) == [("expression.unsupported_operator", "/edges/2/when")]


def test_an_invalid_form_gives_the_flow_one_problem_instead_of_field_checks(basic_flow, basic_form):
    basic_form["fields"][0]["type"] = "essay"
    assert codes(validate(basic_flow, form=basic_form)) == [("flow.form_invalid", "")]
    assert codes(validate(basic_flow, form="not a form")) == [("flow.form_invalid", "")]


def test_a_flow_passed_as_the_form_is_refused(basic_flow):
    assert codes(validate(basic_flow, form=basic_flow)) == [("flow.form_invalid", "")]


def test_without_a_numbering_lookup_a_named_series_is_unknown_and_none_is_fine(
    basic_flow, basic_form
):
    with numbering_series_lookup(None):
        assert codes(validate(basic_flow, form=basic_form)) == [
            ("flow.unknown_numbering_series", "/document/numbering_series")
        ]
        basic_flow["document"]["numbering_series"] = None
        assert validate(basic_flow, form=basic_form) == []


def test_document_variables_are_checked_against_their_values(basic_flow, basic_form):
    basic_flow["edges"][2]["when"] = {"==": [{"var": "document.urgency"}, "特急"]}
    assert validate(basic_flow, form=basic_form) == []
    basic_flow["edges"][2]["when"] = {"==": [{"var": "document.urgency"}, "很急"]}
    assert codes(validate(basic_flow, form=basic_form)) == [
        ("form.incompatible_comparison", "/edges/2/when")
    ]
    basic_flow["edges"][2]["when"] = {"==": [{"var": "document.colour"}, "red"]}
    assert codes(validate(basic_flow, form=basic_form)) == [
        ("form.unknown_field_in_condition", "/edges/2/when/==/0")
    ]


def test_table_cells_and_iteration_variables_are_understood(basic_flow, basic_form):
    basic_flow["edges"][2]["when"] = {
        "and": [
            {">": [{"var": "form.items.0.cost"}, 10]},
            {"some": [{"var": "form.items"}, {">": [{"var": "cost"}, 5]}]},
        ]
    }
    assert validate(basic_flow, form=basic_form) == []
    basic_flow["edges"][2]["when"] = {">": [{"var": "form.items.0.price"}, 10]}
    assert codes(validate(basic_flow, form=basic_form)) == [
        ("form.unknown_field_in_condition", "/edges/2/when/>/0")
    ]


def test_comparisons_by_field_type(basic_flow, basic_form):
    cases = [
        ({"<": [{"var": "form.due"}, "2026-12-31"]}, True),
        ({"<": [{"var": "form.title"}, "m"]}, False),
        ({"==": [{"var": "form.title"}, 5]}, False),
        ({"in": [{"var": "form.category"}, ["routine", "special"]]}, True),
        ({"in": [{"var": "form.category"}, ["routine", "other"]]}, False),
        ({"==": [{"var": "form.total"}, 3]}, True),
        ({"==": [{"var": "form.items"}, "x"]}, False),
        ({"==": [{"var": "form.amount"}, None]}, True),
    ]
    for rule, ok in cases:
        basic_flow["edges"][2]["when"] = rule
        found = codes(validate(basic_flow, form=basic_form))
        assert found == ([] if ok else [("form.incompatible_comparison", "/edges/2/when")]), rule

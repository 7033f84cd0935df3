"""Each invalid fixture yields exactly its problem: the code it is named for, at its pointer.

Flow fixtures are validated with the valid form fixture ``basic_form.json``; the file name is
``<code>.json`` or ``<code>__<variant>.json``.
"""

from __future__ import annotations

import pytest

from gongwen.definitions import validate

from .conftest import FIXTURES, load

INVALID = FIXTURES / "invalid"

EXPECTED: dict[str, list[tuple[str, str]]] = {
    "definition.unstorable_text": [("definition.unstorable_text", "/name/en")],
    "definition.unstorable_text__lone_surrogate": [("definition.unstorable_text", "/name/en")],
    "schema.pattern__key_trailing_newline": [("schema.pattern", "/key")],
    "schema.pattern__field_trailing_newline": [("schema.pattern", "/fields/0/name")],
    "flow.invalid_node_id__trailing_newline": [("flow.invalid_node_id", "/nodes/5/id")],
    "form.duplicate_option__normalisation": [
        ("form.duplicate_option", "/fields/2/options/2/value")
    ],
    "expression.unsupported_operator": [("expression.unsupported_operator", "/edges/2/when")],
    "flow.assignee_param_invalid": [("flow.assignee_param_invalid", "/nodes/1/assignee/level")],
    "flow.assignee_param_invalid__field_not_a_person": [
        ("flow.assignee_param_invalid", "/nodes/6/assignee/field")
    ],
    "flow.assignee_param_invalid__unknown_param": [
        ("flow.assignee_param_invalid", "/nodes/1/assignee/who")
    ],
    "flow.assignee_param_missing": [("flow.assignee_param_missing", "/nodes/3/assignee")],
    "flow.branch_bypasses_join": [("flow.branch_bypasses_join", "/edges/10")],
    "flow.cycle_without_person": [("flow.cycle_without_person", "/nodes/2")],
    "flow.cycle_without_person__gateways": [("flow.cycle_without_person", "/nodes/2")],
    "flow.duplicate_edge": [("flow.duplicate_edge", "/edges/7")],
    "flow.join_without_split__exclusive_after_split": [("flow.join_without_split", "/nodes/12")],
    "flow.return_target_not_earlier__revision_loop": [
        ("flow.return_target_not_earlier", "/nodes/1/return_targets/0")
    ],
    "flow.claim_needs_pool_rule": [("flow.claim_needs_pool_rule", "/nodes/1/claim")],
    "flow.claim_needs_single_mode": [("flow.claim_needs_single_mode", "/nodes/3/mode")],
    "flow.cannot_reach_end": [("flow.cannot_reach_end", "/nodes/9")],
    "flow.condition_outside_exclusive": [("flow.condition_outside_exclusive", "/edges/0/when")],
    "flow.cycle_without_exit": [("flow.cycle_without_exit", "/nodes/9")],
    "flow.dangling_edge": [("flow.dangling_edge", "/edges/10/to")],
    "flow.default_with_condition": [("flow.default_with_condition", "/edges/3/when")],
    "flow.duplicate_node_id": [("flow.duplicate_node_id", "/nodes/9/id")],
    "flow.end_has_outgoing": [("flow.end_has_outgoing", "/edges/10/from")],
    "flow.exclusive_default_count": [("flow.exclusive_default_count", "/nodes/2")],
    "flow.exclusive_default_count__two_defaults": [("flow.exclusive_default_count", "/nodes/2")],
    "flow.form_mismatch": [("flow.form_mismatch", "/form")],
    "flow.invalid_duration": [("flow.invalid_duration", "/nodes/1/deadline/duration")],
    "flow.invalid_duration__not_iso": [
        ("flow.invalid_duration", "/nodes/1/deadline/remind_before")
    ],
    "flow.invalid_node_id": [("flow.invalid_node_id", "/nodes/5/id")],
    "flow.invalid_node_id__rtl_mark": [("flow.invalid_node_id", "/nodes/5/id")],
    "flow.join_without_split": [("flow.join_without_split", "/nodes/9")],
    "flow.missing_condition": [("flow.missing_condition", "/edges/2")],
    "flow.multiple_outgoing": [("flow.multiple_outgoing", "/edges/10")],
    "flow.multiple_starts": [("flow.multiple_starts", "/nodes/9")],
    "flow.no_end": [("flow.no_end", "/nodes")],
    "flow.no_start": [("flow.no_start", "/nodes")],
    "flow.ratio_missing": [("flow.ratio_missing", "/nodes/3")],
    "flow.ratio_out_of_range": [("flow.ratio_out_of_range", "/nodes/3/ratio")],
    "flow.ratio_out_of_range__zero": [("flow.ratio_out_of_range", "/nodes/3/ratio")],
    "flow.ratio_without_mode": [("flow.ratio_without_mode", "/nodes/3/ratio")],
    "flow.reminder_not_before_deadline": [
        ("flow.reminder_not_before_deadline", "/nodes/1/deadline/remind_before")
    ],
    "flow.return_target_not_earlier": [
        ("flow.return_target_not_earlier", "/nodes/1/return_targets/0")
    ],
    "flow.return_target_not_earlier__gateway": [
        ("flow.return_target_not_earlier", "/nodes/3/return_targets/0")
    ],
    "flow.setting_not_applicable": [("flow.setting_not_applicable", "/nodes/2/assignee")],
    "flow.split_without_join": [
        ("flow.split_without_join", "/nodes/9"),
        ("flow.branch_bypasses_join", "/edges/10"),  # fork's branch enters split's region
    ],
    "flow.start_has_incoming": [("flow.start_has_incoming", "/edges/10/to")],
    "flow.unknown_assignee_rule": [("flow.unknown_assignee_rule", "/nodes/1/assignee/rule")],
    "flow.unknown_field_permission": [("flow.unknown_field_permission", "/nodes/1/fields/titel")],
    "flow.unknown_numbering_series": [
        ("flow.unknown_numbering_series", "/document/numbering_series")
    ],
    "flow.return_target_other_branch": [
        ("flow.return_target_other_branch", "/nodes/8/return_targets/0")
    ],
    "flow.return_after_dispatch": [("flow.return_after_dispatch", "/nodes/5/return_targets/0")],
    "flow.auto_return_impossible": [
        ("flow.auto_return_impossible", "/nodes/5/deadline/escalation")
    ],
    "flow.auto_return_impossible__after_join": [
        ("flow.auto_return_impossible", "/nodes/8/deadline/escalation")
    ],
    "flow.deadline_too_long": [("flow.deadline_too_long", "/nodes/1/deadline/duration")],
    "flow.document_step_in_parallel": [("flow.document_step_in_parallel", "/nodes/5")],
    "flow.document_step_out_of_order": [("flow.document_step_out_of_order", "/nodes/2")],
    "flow.document_step_out_of_order__loop_after_number": [
        ("flow.document_step_out_of_order", "/nodes/2")
    ],
    "flow.document_step_out_of_order__unsealed_notice": [
        ("flow.document_step_out_of_order", "/nodes/3")
    ],
    "flow.number_step_without_series": [
        ("flow.number_step_without_series", "/document/numbering_series")
    ],
    "flow.unknown_template": [("flow.unknown_template", "/document/template")],
    "flow.unknown_return_target": [("flow.unknown_return_target", "/nodes/1/return_targets/0")],
    "flow.unreachable_node": [("flow.unreachable_node", "/nodes/9")],
    "form.duplicate_field": [("form.duplicate_field", "/fields/10/name")],
    "form.duplicate_field__table_column": [("form.duplicate_field", "/fields/6/columns/2/name")],
    "form.duplicate_option": [("form.duplicate_option", "/fields/2/options/2/value")],
    "form.field_laid_out_twice": [("form.field_laid_out_twice", "/ui_schema/sections/0/rows/7/0")],
    "form.incompatible_comparison": [("form.incompatible_comparison", "/edges/2/when")],
    "form.incompatible_comparison__option": [("form.incompatible_comparison", "/edges/2/when")],
    "form.incompatible_comparison__date_literal": [
        ("form.incompatible_comparison", "/edges/2/when")
    ],
    "form.incompatible_comparison__date_against_money": [
        ("form.incompatible_comparison", "/edges/2/when")
    ],
    "form.reserved_field_name": [("form.reserved_field_name", "/fields/10/name")],
    "form.formula_cycle": [("form.formula_cycle", "/fields/10/formula")],
    "form.min_above_max": [("form.min_above_max", "/fields/1/minimum")],
    "form.unknown_field_in_condition": [("form.unknown_field_in_condition", "/edges/2/when/>/0")],
    "form.unknown_field_in_condition__rule": [
        ("form.unknown_field_in_condition", "/rules/0/when/==/0")
    ],
    "form.unknown_field_in_layout": [
        ("form.unknown_field_in_layout", "/ui_schema/sections/0/rows/0/1")
    ],
    "form.unknown_field_in_layout__widget": [
        ("form.unknown_field_in_layout", "/ui_schema/widgets/notes")
    ],
    "form.unknown_field_in_rule": [("form.unknown_field_in_rule", "/rules/0/fields/0")],
    "schema.additionalProperties": [("schema.additionalProperties", "/nodes/1/assignees")],
    "schema.enum": [("schema.enum", "/document/kind")],
    "schema.pattern": [("schema.pattern", "/key")],
    "schema.required": [("schema.required", "/nodes/3")],
    "schema.type": [("schema.type", "/edges/2/order")],
    "schema.additionalProperties__field": [("schema.additionalProperties", "/fields/0/colour")],
}


def test_every_fixture_has_an_expectation_and_every_expectation_a_fixture():
    assert sorted(p.stem for p in INVALID.glob("*.json")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_fixture_yields_exactly_its_problem(name, basic_form):
    problems = validate(load(INVALID / f"{name}.json"), form=basic_form)
    assert [(p.code, p.pointer) for p in problems] == EXPECTED[name]
    assert problems[0].code == name.split("__")[0]


@pytest.mark.parametrize("name", ["basic_form", "basic_flow"])
def test_the_valid_fixtures_have_no_problems(name, basic_form):
    assert validate(load(FIXTURES / "valid" / f"{name}.json"), form=basic_form) == []

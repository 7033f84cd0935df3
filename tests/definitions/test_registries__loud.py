"""Registries fail loudly on duplicates and misses; the numbering lookup is swappable."""

from __future__ import annotations

import pytest
from jsonschema.exceptions import SchemaError

from gongwen.definitions import validate
from gongwen.definitions.exceptions import AlreadyRegistered, NotRegistered
from gongwen.definitions.registries import (
    AssigneeRule,
    Registry,
    assignee_rules,
    numbering_series_exists,
    numbering_series_lookup,
    register_assignee_rule,
    register_numbering_series_lookup,
)

BUILT_IN = [
    "user", "role", "position", "department_head", "superior", "leader_in_charge",
    "initiator", "initiator_chosen", "previous_step_chosen", "form_field",
]  # fmt: skip


def test_the_built_in_assignee_rules_are_registered_as_data():
    assert assignee_rules.names()[: len(BUILT_IN)] == BUILT_IN
    assert assignee_rules.get("role").params_schema["required"] == ["role"]


def test_registering_a_taken_name_fails():
    with pytest.raises(AlreadyRegistered):
        register_assignee_rule(AssigneeRule("role", {}))


def test_looking_up_a_missing_name_fails_with_its_name():
    with pytest.raises(NotRegistered, match="no assignee rule named 'nobody'"):
        assignee_rules.get("nobody")
    with pytest.raises(NotRegistered):
        assignee_rules.get(["unhashable"])


def test_a_plugin_rule_can_be_added_and_removed():
    registry: Registry[int] = Registry("thing")
    registry.register("a", 1)
    assert "a" in registry and registry.get("a") == 1
    registry.unregister("a")
    assert "a" not in registry
    with pytest.raises(NotRegistered):
        registry.unregister("a")


def test_without_a_lookup_no_numbering_series_exists():
    with numbering_series_lookup(None):
        assert numbering_series_exists("县政办发") is False


def test_a_second_numbering_lookup_is_refused_and_the_first_kept():
    with numbering_series_lookup(lambda key: key == "a"):
        with pytest.raises(AlreadyRegistered):
            register_numbering_series_lookup(lambda key: True)
        assert numbering_series_exists("a") and not numbering_series_exists("b")


def test_a_rule_with_a_broken_parameter_schema_is_refused_at_registration():
    with pytest.raises(SchemaError):
        register_assignee_rule(AssigneeRule("broken", {"type": "nonsense"}))
    assert "broken" not in assignee_rules


def test_a_plugin_rule_is_accepted_in_definitions_once_registered(basic_flow, basic_form):
    basic_flow["nodes"][1]["assignee"] = {"rule": "duty_officer", "shift": "night"}
    assert [p.code for p in validate(basic_flow, form=basic_form)] == ["flow.unknown_assignee_rule"]
    schema = {"type": "object", "properties": {"shift": {"enum": ["day", "night"]}}}
    register_assignee_rule(AssigneeRule("duty_officer", schema))
    try:
        assert validate(basic_flow, form=basic_form) == []
        basic_flow["nodes"][1]["assignee"]["shift"] = "noon"
        assert [(p.code, p.pointer) for p in validate(basic_flow, form=basic_form)] == [
            ("flow.assignee_param_invalid", "/nodes/1/assignee/shift")
        ]
    finally:
        assignee_rules.unregister("duty_officer")
    basic_flow["nodes"][1]["assignee"]["shift"] = "night"
    assert [p.code for p in validate(basic_flow, form=basic_form)] == ["flow.unknown_assignee_rule"]


def test_every_unknown_parameter_is_reported():
    from gongwen.definitions.node_checks import node_problems
    from gongwen.definitions.views import FlowView

    flow = {
        "nodes": [{"id": "a", "type": "approve", "assignee": {"rule": "initiator", "x": 1, "y": 2}}]
    }
    found = [(p.code, p.pointer) for p in node_problems(FlowView(flow), None)]
    assert found == [
        ("flow.assignee_param_invalid", "/nodes/0/assignee/x"),
        ("flow.assignee_param_invalid", "/nodes/0/assignee/y"),
    ]

"""Compiling gives frozen specs with parsed settings; invalid definitions are refused."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import jsonschema
import pytest

from gongwen.definitions import InvalidDefinition, compile_flow, compile_form
from gongwen.definitions.specs import ApprovalMode, EmptyAssigneePolicy, FieldAccess, NodeType


def test_a_flow_compiles_with_parsed_deadlines_and_without_ui(basic_flow, basic_form):
    spec = compile_flow(basic_flow, basic_form, version=3)
    assert (spec.key, spec.version, spec.form_key) == ("basic", 3, "basic")
    assert list(spec.nodes) == [n["id"] for n in basic_flow["nodes"]]
    review = spec.nodes["review"]
    assert review.type is NodeType.APPROVE and review.on_empty is EmptyAssigneePolicy.SKIP
    assert review.deadline.duration == timedelta(days=1)
    assert review.deadline.remind_before == timedelta(hours=4)
    assert review.fields["title"] is FieldAccess.READONLY
    assert review.assignee.rule == "department_head" and review.assignee.params["of"] == "initiator"
    assert spec.nodes["countersign"].mode is ApprovalMode.ALL
    assert spec.start.id == "draft"
    assert spec.document.organ_code == "测试发" and spec.document.retention == "D30"
    assert "positions" not in repr(spec)


def test_exclusive_edges_come_out_conditions_first_default_last(basic_flow, basic_form):
    spec = compile_flow(basic_flow, basic_form)
    out = spec.outgoing("route")
    assert [e.target for e in out] == ["countersign", "split"]
    assert out[0].condition == {">": [{"var": "form.amount"}, 100000]} and out[-1].default


def test_specs_are_frozen(basic_flow, basic_form):
    spec = compile_flow(basic_flow, basic_form)
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.key = "other"
    with pytest.raises(TypeError):
        spec.nodes["x"] = None


def test_the_content_hash_ignores_key_order_but_not_content(basic_flow, basic_form):
    first = compile_flow(basic_flow, basic_form).content_hash
    reordered = dict(reversed(list(basic_flow.items())))
    assert compile_flow(reordered, basic_form).content_hash == first
    basic_flow["name"]["en"] = "Changed"
    assert compile_flow(basic_flow, basic_form).content_hash != first


def test_an_invalid_definition_is_refused_with_all_its_problems(basic_flow, basic_form):
    basic_flow["nodes"][1]["assignee"]["rule"] = "boss"
    basic_flow["nodes"][3]["ratio"] = 2
    with pytest.raises(InvalidDefinition) as caught:
        compile_flow(basic_flow, basic_form)
    assert [p.code for p in caught.value.problems] == [
        "flow.unknown_assignee_rule",
        "flow.ratio_without_mode",
    ]


def test_compiling_a_form_as_a_flow_is_refused(basic_form):
    with pytest.raises(InvalidDefinition):
        compile_flow(basic_form, None)


def test_the_derived_data_schema_accepts_good_data_and_refuses_bad(basic_form):
    spec = compile_form(basic_form)
    schema = dict(spec.data_schema)
    jsonschema.Draft202012Validator.check_schema(schema)
    good = {
        "title": "关于做好防汛工作的通知",
        "amount": 1200.5,
        "category": "routine",
        "due": "2026-12-01",
        "items": [{"item": "沙袋", "cost": 300}],
        "note": None,
    }
    jsonschema.validate(good, schema)
    for bad in (
        {},
        {**good, "category": "other"},
        {**good, "due": "01/12/2026"},
        {**good, "amount": -1},
        {**good, "items": [{"cost": 1}]},
        {**good, "extra": 1},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)


def test_form_fields_compile_with_their_settings(basic_form):
    spec = compile_form(basic_form)
    assert spec.fields["title"].required and spec.fields["title"].params["max_length"] == 200
    assert [c.name for c in spec.fields["items"].columns] == ["item", "cost"]
    assert spec.fields["total"].result_type == "number" and spec.fields["total"].formula
    assert spec.rules[0]["effect"] == "require" and spec.rules[0]["fields"] == ("note",)
    assert spec.name["zh-Hans"] == "基本表单"

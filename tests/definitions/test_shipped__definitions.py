"""The shipped document types validate clean, compile, and use the format's main features."""

from __future__ import annotations

import pytest

from gongwen.definitions import compile_flow, compile_form, definition_kind, validate
from gongwen.definitions.schemas import load_schema
from gongwen.definitions.specs import ApprovalMode, NodeType
from gongwen.documents.kinds import Kind

from .conftest import REPO, SHIPPED_SERIES, load

SHIPPED = ["notice", "request", "report", "letter", "minutes", "incoming"]


def pair(key: str) -> tuple[dict, dict]:
    return load(REPO / "forms" / f"{key}.json"), load(REPO / "flow_defs" / f"{key}.json")


def test_exactly_the_documented_document_types_are_shipped():
    assert sorted(p.stem for p in (REPO / "flow_defs").glob("*.json")) == sorted(SHIPPED)
    assert sorted(p.stem for p in (REPO / "forms").glob("*.json")) == sorted(SHIPPED)


@pytest.mark.parametrize("key", SHIPPED)
def test_a_shipped_type_validates_clean_and_compiles(key):
    form, flow = pair(key)
    assert (definition_kind(form), definition_kind(flow)) == ("form", "flow")
    assert validate(form) == []
    assert validate(flow, form=form) == []
    assert compile_form(form).key == key
    spec = compile_flow(flow, form)
    assert spec.form_key == key and spec.document.numbering_series in SHIPPED_SERIES


def test_the_shipped_flows_use_a_gateway_on_a_field_a_countersign_and_a_parallel_split():
    specs = [compile_flow(pair(k)[1], pair(k)[0]) for k in SHIPPED]
    nodes = [n for s in specs for n in s.nodes.values()]
    conditions = [e.condition for s in specs for e in s.edges if e.condition]
    assert any("form." in str(c) for c in conditions)
    assert any(n.mode is ApprovalMode.ALL for n in nodes)
    assert {NodeType.PARALLEL, NodeType.JOIN, NodeType.EXCLUSIVE} <= {n.type for n in nodes}


def test_the_notice_runs_through_the_steps_of_a_downward_document():
    form, flow = pair("notice")
    spec = compile_flow(flow, form)
    assert spec.document.direction == "down" and spec.document.organ_code == "县政办发"
    types = [n.type for n in spec.nodes.values()]
    assert (
        types.index(NodeType.NUMBER) < types.index(NodeType.SEAL) < types.index(NodeType.DISPATCH)
    )
    assert spec.nodes["sign"].assignee.rule == "leader_in_charge"


def test_urgent_requests_may_skip_the_reviews_and_have_one_main_recipient():
    form, flow = pair("request")
    spec = compile_flow(flow, form)
    skippable = {n.id for n in spec.nodes.values() if n.skippable_when_urgent}
    assert skippable == {"section_review", "office_review"}
    recipient = compile_form(form).fields["main_recipients"]
    assert recipient.type == "department" and not recipient.multiple and recipient.required


def test_incoming_documents_are_handled_and_circulated_in_parallel():
    form, flow = pair("incoming")
    spec = compile_flow(flow, form)
    branches = {e.target for e in spec.outgoing("split")}
    assert {spec.nodes[b].type for b in branches} == {NodeType.HANDLE, NodeType.CC}


def test_the_schema_lists_the_fifteen_kinds_of_the_documents_layer():
    kinds = load_schema("flow")["$defs"]["document"]["properties"]["kind"]["enum"]
    assert kinds == [k.value for k in Kind]

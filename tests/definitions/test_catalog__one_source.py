"""Every node type is defined once, in the catalog; the schema, validator and engine read it."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from gongwen.definitions.catalog import (
    CATALOG,
    SERVICE_PARAM,
    SUBFLOW_PARAM,
    allowed_settings,
    engine_nodes,
    params_def,
    with_schema_parts,
)
from gongwen.definitions.node_checks import ALLOWED_SETTINGS
from gongwen.definitions.schemas import load_schema
from gongwen.definitions.specs import NodeType
from gongwen.runtime.steps import DOCUMENT_STEPS


def test_every_node_type_has_exactly_one_catalog_entry() -> None:
    assert set(CATALOG) == set(NodeType)
    assert all(kind.type == node_type for node_type, kind in CATALOG.items())


def test_the_flow_schema_uses_the_catalogs_parameter_schemas() -> None:
    schema = load_schema("flow")
    assert schema == with_schema_parts(schema), (
        "flow.schema.json drifted from the node catalog: run "
        "gongwen.definitions.catalog.write_flow_schema()"
    )
    node = schema["$defs"]["node"]
    assert node["properties"]["type"]["enum"] == [str(t) for t in CATALOG]
    for node_type, kind in CATALOG.items():
        assert schema["$defs"][params_def(node_type)] == kind.params


def test_the_validator_reads_the_catalogs_settings() -> None:
    assert allowed_settings() == ALLOWED_SETTINGS


def test_the_engine_registered_a_class_for_every_type_and_reads_the_documented_names() -> None:
    import gongwen.runtime.engine.builder  # noqa: F401  (registers the engine's node classes)

    assert all(node_type in engine_nodes for node_type in CATALOG)
    assert CATALOG[NodeType.SERVICE].params["required"] == [SERVICE_PARAM] == ["service"]
    assert CATALOG[NodeType.SUBFLOW].params["required"] == [SUBFLOW_PARAM] == ["flow"]
    assert {"register", "number", "seal", "dispatch", "archive"} == DOCUMENT_STEPS


@pytest.mark.parametrize(
    ("node_type", "params", "ok"),
    [
        ("subflow", {"flow": "letter"}, True),
        ("subflow", {"definition": "letter"}, False),
        ("service", {"service": "crm.notify", "max_attempts": 2}, True),
        ("service", {"handler": "crm.notify"}, False),
        ("dispatch", {"recipients_field": "main_recipients", "exchange": True}, True),
        ("number", {"series": "x"}, False),
    ],
)
def test_parameters_are_checked_against_the_types_schema(node_type, params, ok) -> None:
    from gongwen.definitions.schemas import schema_problems

    nodes = [
        {"id": "s", "type": "start"},
        {"id": "n", "type": node_type, "params": params},
        {"id": "e", "type": "end"},
    ]
    if node_type == "dispatch" or node_type == "number":
        nodes[1]["assignee"] = {"rule": "initiator"}
    flow = {
        "schema_version": 1,
        "kind": "flow",
        "key": "k",
        "name": {"zh-Hans": "k"},
        "form": "k",
        "nodes": nodes,
        "edges": [{"from": "s", "to": "n"}, {"from": "n", "to": "e"}],
    }
    problems = [p for p in schema_problems(flow, "flow") if p.pointer.startswith("/nodes/1")]
    assert (problems == []) is ok, problems


def test_the_catalog_is_served_read_only_to_signed_in_users(client, demo) -> None:
    url = reverse("node-catalog")
    assert url == "/definitions/node-catalog.json"
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(demo["users"]["huangmin"])
    response = client.get(url)
    assert response.status_code == 200
    served = json.loads(response.content)
    types = [entry["type"] for entry in served["node_types"]]
    assert types == [str(t) for t in CATALOG]
    service = next(e for e in served["node_types"] if e["type"] == "service")
    assert service["params"] == CATALOG[NodeType.SERVICE].params
    assert service["engine"] == "gongwen.runtime.engine.service.ServiceNode"
    assert service["name"]["zh-Hans"] == "服务调用"
    assert client.post(url).status_code == 405

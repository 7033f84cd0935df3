"""A 200-node definition (the benchmark's) publishes with the same handful of queries."""

from __future__ import annotations

import copy
import importlib.util
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongwen.definitions import validate
from gongwen.definitions.versions import clear_spec_cache, load_spec, publish_documents

pytestmark = pytest.mark.django_db
BENCH = Path(__file__).resolve().parents[2] / "bench" / "definitions_validate.py"


@pytest.fixture(scope="module")
def generator():
    spec = importlib.util.spec_from_file_location("bench_definitions_validate", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _publish_twice(form: dict, flow: dict) -> int:
    publish_documents(flow["key"], form, flow, None)
    changed = copy.deepcopy(form)
    changed["name"]["en"] = "revised"
    with CaptureQueriesContext(connection) as queries:
        publish_documents(flow["key"], changed, flow, None)
    return len(queries)


def test_the_benchmark_definition_is_valid_and_has_the_promised_shape(generator) -> None:
    form, flow = generator.generate_form(40), generator.generate_flow(200)
    assert len(flow["nodes"]) == 200 and len(form["fields"]) == 40
    types = {node["type"] for node in flow["nodes"]}
    assert {"approve", "exclusive", "parallel", "join", "start", "end"} <= types
    assert any("when" in edge for edge in flow["edges"])
    assert validate(form) == [] and validate(flow, form=form) == []


def test_publishing_a_large_definition_costs_what_a_small_one_does(generator) -> None:
    small = _publish_twice(generator.generate_form(5, "small"), generator.generate_flow(8, "small"))
    large = _publish_twice(generator.generate_form(40), generator.generate_flow(200))
    assert large == small
    clear_spec_cache()
    assert len(load_spec("bench", 2).nodes) == 200

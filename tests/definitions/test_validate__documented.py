"""docs/definitions.md cannot drift: codes, schema properties and the worked example."""

from __future__ import annotations

import json
import re

from gongwen.definitions import compile_flow, compile_form, validate
from gongwen.definitions.messages import MESSAGES
from gongwen.definitions.schemas import load_schema
from gongwen.expressions import ProblemCode

from .conftest import REPO

DOC = (REPO / "docs" / "definitions.md").read_text(encoding="utf-8")


def documented_codes() -> set[str]:
    table = DOC.split("## Problem codes", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([a-z]+\.[A-Za-z_]+)` \|", table, re.MULTILINE))


def schema_properties(node: object) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict):
            found |= set(node["properties"])
        for value in node.values():
            found |= schema_properties(value)
    elif isinstance(node, list):
        for value in node:
            found |= schema_properties(value)
    return found


def example(kind: str) -> dict:
    block = DOC.split(f"<!-- example: {kind} -->", 1)[1]
    return json.loads(block.split("```json", 1)[1].split("```", 1)[0])


def test_every_problem_code_is_documented_and_every_documented_code_exists():
    codes = set(MESSAGES) | {code.value for code in ProblemCode}
    assert documented_codes() == codes


def test_every_schema_property_is_documented():
    for kind in ("form", "flow"):
        missing = {p for p in schema_properties(load_schema(kind)) if f"`{p}`" not in DOC}
        assert not missing, (kind, missing)


def test_the_worked_example_validates_and_compiles():
    form, flow = example("form"), example("flow")
    assert validate(form) == []
    assert validate(flow, form=form) == []
    spec = compile_flow(flow, form)
    assert [e.target for e in spec.outgoing("reply_needed")] == ["sign", "office_sign"]
    assert compile_form(form).fields["reply_by"].type == "date"

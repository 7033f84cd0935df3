"""Oversized, overdeep and non-JSON input gets one clean problem, never an exception."""

from __future__ import annotations

import math

from gongwen.definitions import validate


def codes(problems) -> list[tuple[str, str]]:
    return [(p.code, p.pointer) for p in problems]


def test_a_document_over_the_size_limit_is_refused_before_anything_else(settings, basic_form):
    settings.GONGWEN = {"DEFINITION_MAX_BYTES": 1000}
    assert codes(validate(basic_form)) == [("definition.too_large", "")]


def test_a_ten_megabyte_string_gets_the_size_error():
    doc = {"schema_version": 1, "kind": "form", "key": "x" * 10_000_000}
    problems = validate(doc)
    assert codes(problems) == [("definition.too_large", "")]
    assert "2097152" in problems[0].message_en


def test_deep_nesting_gets_the_depth_error_without_recursion():
    doc: object = []
    for _ in range(100_000):
        doc = [doc]
    assert codes(validate({"kind": "flow", "nodes": doc})) == [("definition.too_deep", "")]


def test_a_self_containing_structure_is_too_deep_not_a_crash():
    doc: dict = {"kind": "flow"}
    doc["nodes"] = [doc]
    assert codes(validate(doc)) == [("definition.too_deep", "")]


def test_values_json_cannot_hold_are_reported():
    assert codes(validate({"kind": "form", "x": {1, 2}})) == [("definition.not_json", "")]
    assert codes(validate({"kind": "form", "x": math.nan})) == [("definition.not_json", "")]


def test_anything_but_an_object_is_not_a_definition():
    for doc in (None, 3, "form", [], True):
        assert codes(validate(doc)) == [("definition.not_object", "")]


def test_unknown_kind_and_future_versions_are_reported():
    assert codes(validate({"kind": "process"})) == [("definition.unknown_kind", "/kind")]
    assert codes(validate({})) == [("definition.unknown_kind", "")]
    assert codes(validate({"schema_version": 99, "kind": "form"})) == [
        ("definition.unsupported_version", "/schema_version")
    ]


def test_every_problem_has_both_messages(basic_form):
    basic_form["fields"][0]["type"] = "nope"
    basic_form["fields"].append(basic_form["fields"][1])
    for found in validate(basic_form):
        assert found.message_zh and found.message_en
        assert "{" not in found.message_en, found

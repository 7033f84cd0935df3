"""Ids, keys and names match their patterns whole; unstorable text is refused by validate itself."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from gongwen.definitions import validate
from gongwen.definitions.form_checks import distinct_form
from gongwen.definitions.registries import assignee_rules
from gongwen.definitions.schemas import load_schema
from gongwen.kernel.text import UNSTORABLE


def patterns(schema: Any) -> Iterator[str]:
    stack = [schema]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            if isinstance(value.get("pattern"), str):
                yield value["pattern"]
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)


def every_pattern() -> list[str]:
    found = [p for kind in ("flow", "form") for p in patterns(load_schema(kind))]
    for name in assignee_rules.names():
        found += patterns(assignee_rules.get(name).params_schema)
    return sorted(set(found))


@pytest.mark.parametrize("pattern", every_pattern())
def test_every_schema_pattern_matches_the_whole_value_under_re_search(pattern):
    """jsonschema uses re.search; a bare ``$`` also matches before a final newline."""
    assert pattern.startswith("^") and pattern.endswith("(?!\\n)$")
    compiled = re.compile(pattern)
    for sample in ("a", "ab", "AB", "a1", "x_y", "D10", "WS"):
        if compiled.search(sample):
            assert not compiled.search(sample + "\n")


def test_a_trailing_newline_makes_a_node_id_invalid_beside_the_same_id(basic_flow, basic_form):
    flow = {**basic_flow, "nodes": [*basic_flow["nodes"], {"id": "review\n", "type": "end"}]}
    assert [p.code for p in validate(flow, form=basic_form)] == ["flow.invalid_node_id"]


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\ud800", "\udfff"])
def test_unstorable_characters_are_refused_wherever_they_are(basic_flow, char):
    assert UNSTORABLE.search(char)  # the kernel's notion, which publish applies too
    flow = {**basic_flow, "name": {"zh-Hans": f"流{char}程", "en": "Flow"}}
    assert [(p.code, p.pointer) for p in validate(flow)] == [
        ("definition.unstorable_text", "/name/zh-Hans")
    ]
    keyed = {**basic_flow, "ui": {"positions": {f"a{char}": [0, 0]}}}
    assert [p.pointer for p in validate(keyed)] == [f"/ui/positions/a{char}"]


@pytest.mark.parametrize("text", ["tab\there", "line\nbreak", "cr\r", "back\\bslash", "a\\u0000"])
def test_tab_newline_carriage_return_and_backslashes_are_storable(basic_flow, basic_form, text):
    flow = {**basic_flow, "description": {"zh-Hans": text, "en": text}}
    assert not [p for p in validate(flow, form=basic_form) if p.code.startswith("definition")]


def test_option_values_are_compared_after_nfkc(basic_form):
    assert distinct_form("cafe\u0301") == distinct_form("café")
    assert distinct_form("Ａ１") == "A1"
    form = {**basic_form, "fields": [dict(f) for f in basic_form["fields"]]}
    options = [
        *form["fields"][2]["options"],
        {"value": "café", "label": {"zh-Hans": "一", "en": "1"}},
    ]
    options.append({"value": "cafe\u0301", "label": {"zh-Hans": "二", "en": "2"}})
    form["fields"][2] = {**form["fields"][2], "options": options}
    assert [p.code for p in validate(form)] == ["form.duplicate_option"]

"""Mutated shipped definitions and arbitrary JSON: validate() reports or compiles, never raises.

The ``ci`` hypothesis profile (``CI`` set) runs at least 2,000 examples of the mutation test.
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from gongwen.definitions import compile_flow, compile_form, validate
from gongwen.definitions.schemas import RENAMED_CODES as RENAMED
from gongwen.definitions.schemas import fast_valid, full_schema_problems
from gongwen.definitions.validator import prepare

from .conftest import REPO, load

KEYS = ["notice", "request", "report", "letter", "minutes", "incoming"]
PAIRS = {
    k: (load(REPO / "forms" / f"{k}.json"), load(REPO / "flow_defs" / f"{k}.json")) for k in KEYS
}

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "\u200fseal", "a\x00b", "P1Y", "PT0S", "*", "start", "end", "form.title"]),
    st.text(max_size=20),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.sampled_from([{"rule": "role"}, {"var": "form.nope"}, {"eval": [1]}, {"duration": "P1D"}]),
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)


def paths(doc: Any, prefix: tuple = ()) -> list[tuple]:
    """Return the path of every value inside ``doc`` (the root excluded)."""
    found = []
    children = (
        doc.items() if isinstance(doc, dict) else enumerate(doc) if isinstance(doc, list) else ()
    )
    for key, value in children:
        found.append((*prefix, key))
        found.extend(paths(value, (*prefix, key)))
    return found


def parent_of(doc: Any, path: tuple) -> Any:
    for key in path[:-1]:
        doc = doc[key]
    return doc


def mutate(doc: Any, data: st.DataObject) -> None:
    """Apply one random mutation to ``doc`` in place."""
    all_paths = paths(doc)
    path = data.draw(st.sampled_from(all_paths))
    parent, key = parent_of(doc, path), path[-1]
    action = data.draw(
        st.sampled_from(["delete", "replace", "retype", "duplicate", "rewire", "add"])
    )
    if action == "delete":
        del parent[key]
    elif action == "replace":
        parent[key] = copy.deepcopy(data.draw(JUNK))  # drawn constants must stay pristine
    elif action == "retype":
        value = parent[key]
        parent[key] = data.draw(st.sampled_from([str(value), [value], {"v": value}, None]))
    elif action == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[key]))
    elif action == "rewire" and isinstance(doc, dict) and isinstance(doc.get("edges"), list):
        ids = [n.get("id") for n in doc.get("nodes", []) if isinstance(n, dict)] or ["x"]
        edges = [e for e in doc["edges"] if isinstance(e, dict)]
        if edges:
            edge = data.draw(st.sampled_from(edges))
            edge[data.draw(st.sampled_from(["from", "to"]))] = data.draw(st.sampled_from(ids))
    elif isinstance(parent, dict):
        parent[data.draw(st.text(max_size=8))] = copy.deepcopy(data.draw(JUNK))


def assert_fast_path_agrees(doc: Any, problems: list) -> None:
    """The fast schema check accepts exactly what jsonschema accepts.

    ``problems`` are what ``validate`` reported for ``doc``: when the fast path rejected the
    document, jsonschema ran there and must have found a schema problem.
    """
    _, plain = prepare(doc)
    kind = plain.get("kind") if isinstance(plain, dict) else None
    if kind not in ("form", "flow"):
        return
    if fast_valid(plain, kind):
        assert full_schema_problems(plain, kind) == []
    else:
        # a stage before the schema (unstorable text) stops validation before it
        earlier = {"definition.unstorable_text"}
        from_schema = [
            p for p in problems if p.code.startswith("schema.") or p.code in RENAMED | earlier
        ]
        assert from_schema, problems


@given(
    key=st.sampled_from(KEYS),
    target=st.sampled_from(["flow", "form"]),
    count=st.integers(min_value=1, max_value=4),
    data=st.data(),
)
def test_a_mutated_shipped_definition_gets_problems_or_compiles(key, target, count, data):
    form, flow = copy.deepcopy(PAIRS[key][0]), copy.deepcopy(PAIRS[key][1])
    doc = flow if target == "flow" else form
    for _ in range(count):
        if isinstance(doc, dict | list) and paths(doc):
            mutate(doc, data)
    problems = validate(flow, form=form)
    assert all(p.code != "definition.internal_error" for p in problems), problems
    assert all(isinstance(p.pointer, str) and p.message_zh and p.message_en for p in problems)
    if not problems:
        compile_flow(flow, form)
    form_problems = validate(form)
    assert all(p.code != "definition.internal_error" for p in form_problems), form_problems
    if not form_problems:
        compile_form(form)
    assert_fast_path_agrees(flow, problems)
    assert_fast_path_agrees(form, form_problems)


@given(doc=JSON, kind=st.sampled_from(["form", "flow", None]))
def test_arbitrary_json_never_raises(doc, kind):
    if kind and isinstance(doc, dict):
        doc = {**doc, "kind": kind, "schema_version": 1}
    problems = validate(doc, form=doc)
    assert all(p.code != "definition.internal_error" for p in problems), problems

"""Every old format version upgrades to exactly its golden v1 file, which validates clean."""

from __future__ import annotations

import copy

import pytest

from gongwen.definitions import CURRENT_VERSION, definition_kind, upgrade, validate
from gongwen.definitions.upgrades import UPGRADES

from .conftest import FIXTURES, REPO, load

GOLDEN = FIXTURES / "golden"


@pytest.mark.parametrize("name", ["notice_flow", "basic_form"])
def test_a_v0_document_upgrades_to_exactly_its_golden_file(name):
    old = load(GOLDEN / f"{name}.v0.json")
    assert upgrade(old) == load(GOLDEN / f"{name}.v1.json")


def test_the_upgraded_documents_validate_clean():
    form = upgrade(load(GOLDEN / "basic_form.v0.json"))
    assert validate(form) == []
    notice_form = load(REPO / "forms" / "notice.json")
    assert validate(load(GOLDEN / "notice_flow.v0.json"), form=notice_form) == []


def test_validate_upgrades_old_documents_itself():
    assert validate(load(GOLDEN / "basic_form.v0.json")) == []


def test_upgrading_copies_and_leaves_the_input_alone():
    old = load(GOLDEN / "notice_flow.v0.json")
    before = copy.deepcopy(old)
    upgrade(old)
    assert old == before


def test_junk_and_unknown_versions_pass_through_unchanged():
    for doc in (None, [], {"schema_version": "0"}, {"schema_version": 7}, {"nodes": 1}):
        assert upgrade(doc) == doc
    assert upgrade({"schema_version": 0, "nodes": "x", "edges": [1, None]}) == {
        "schema_version": 1,
        "kind": "flow",
        "nodes": "x",
        "edges": [1, None],
    }


def test_the_chain_has_a_step_for_every_version_below_the_current_one():
    assert sorted(UPGRADES) == list(range(CURRENT_VERSION))


def test_definition_kind_reads_old_and_new_documents():
    assert definition_kind(load(GOLDEN / "notice_flow.v0.json")) == "flow"
    assert definition_kind(load(GOLDEN / "basic_form.v0.json")) == "form"
    assert definition_kind(load(GOLDEN / "notice_flow.v1.json")) == "flow"
    assert definition_kind({"kind": "other"}) is None
    assert definition_kind("flow") is None

"""Publishing a draft: all problems or a new numbered version, and nothing half-written."""

from __future__ import annotations

import copy

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongwen.audit.models import AuditEvent
from gongwen.definitions.canonical import pair_hash
from gongwen.definitions.exceptions import InvalidDefinition
from gongwen.definitions.models import DefinitionVersion, DocumentType, Draft
from gongwen.definitions.versions import (
    content_hash_of,
    latest,
    publish,
    publish_documents,
    save_draft,
)

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int]:
    return DocumentType.objects.count(), Draft.objects.count(), DefinitionVersion.objects.count()


def _codes(exc: pytest.ExceptionInfo) -> list[tuple[str, str]]:
    return [(p.code, p.pointer) for p in exc.value.problems]


def test_publishing_a_valid_draft_creates_version_one(basic_form, basic_flow, admin_user) -> None:
    save_draft("basic", basic_form, basic_flow, admin_user)
    version = publish("basic", admin_user, "first release")
    assert (version.document_type.key, version.version) == ("basic", 1)
    assert version.document_type.name_zh == "基本流程"
    assert version.form == basic_form and version.flow == basic_flow
    assert version.content_hash == pair_hash(basic_form, basic_flow)
    assert version.content_hash == content_hash_of(basic_form, basic_flow)
    assert version.published_by == admin_user
    assert version.changelog == "first release"
    assert latest("basic") == version


def test_each_changed_publish_gets_the_next_number(basic_form, basic_flow) -> None:
    publish_documents("basic", basic_form, basic_flow, None)
    changed = copy.deepcopy(basic_form)
    changed["fields"][0]["max_length"] = 100
    second = publish_documents("basic", changed, basic_flow, None, "shorter titles")
    assert second.version == 2
    assert list(DefinitionVersion.objects.values_list("version", flat=True)) == [2, 1]


def test_an_invalid_draft_is_refused_with_every_problem_and_nothing_written(
    basic_form, basic_flow
) -> None:
    save_draft("basic", basic_form, basic_flow, None)
    flow = copy.deepcopy(basic_flow)
    flow["edges"].append({"from": "review", "to": "nowhere"})
    form = copy.deepcopy(basic_form)
    form["fields"].append(copy.deepcopy(form["fields"][0]))
    save_draft("basic", form, flow, None)
    before = _counts()
    with pytest.raises(InvalidDefinition) as exc:
        publish("basic", None, "broken")
    found = _codes(exc)
    assert ("form.duplicate_field", "/form/fields/10/name") in found
    assert ("flow.dangling_edge", "/flow/edges/10/to") in found
    assert ("flow.form_invalid", "/flow") in found
    assert _counts() == before
    assert latest("basic") is None


def test_a_flow_is_checked_against_its_form_when_publishing(basic_form, basic_flow) -> None:
    flow = copy.deepcopy(basic_flow)
    flow["nodes"][1]["fields"]["ghost"] = "editable"
    with pytest.raises(InvalidDefinition) as exc:
        publish_documents("basic", basic_form, flow, None)
    assert _codes(exc) == [("flow.unknown_field_permission", "/flow/nodes/1/fields/ghost")]
    assert _counts() == (0, 0, 0)


def test_publishing_unchanged_content_is_refused(basic_form, basic_flow) -> None:
    publish_documents("basic", basic_form, basic_flow, None)
    with pytest.raises(InvalidDefinition) as exc:
        publish_documents("basic", copy.deepcopy(basic_form), copy.deepcopy(basic_flow), None)
    assert _codes(exc) == [("definition.unchanged", "")]
    assert DefinitionVersion.objects.count() == 1


def test_key_mismatch_and_swapped_documents_are_refused(basic_form, basic_flow) -> None:
    with pytest.raises(InvalidDefinition) as exc:
        publish_documents("other", basic_form, basic_flow, None)
    assert ("definition.key_mismatch", "/form/key") in _codes(exc)
    assert ("definition.key_mismatch", "/flow/key") in _codes(exc)
    with pytest.raises(InvalidDefinition) as exc:
        publish_documents("basic", basic_flow, basic_form, None)
    assert ("definition.wrong_kind", "/form/kind") in _codes(exc)
    assert _counts() == (0, 0, 0)


def test_publish_without_a_draft_is_refused() -> None:
    with pytest.raises(InvalidDefinition) as exc:
        publish("basic", None)
    assert _codes(exc) == [("definition.no_draft", "")]


@pytest.mark.parametrize("text", ["NUL\x00inside", "lone \ud800 surrogate"])
def test_text_no_database_can_store_is_refused(text, basic_form, basic_flow) -> None:
    flow = copy.deepcopy(basic_flow)
    flow["name"]["en"] = text
    with pytest.raises(InvalidDefinition) as exc:
        save_draft("basic", basic_form, flow, None)
    assert _codes(exc) == [("definition.invalid_unicode", "/flow")]
    with pytest.raises(InvalidDefinition):
        publish_documents("basic", basic_form, flow, None)
    assert _counts() == (0, 0, 0)


def test_drafts_may_be_invalid_but_must_be_json(basic_flow) -> None:
    draft = save_draft("basic", {"anything": [1, "two", None]}, "not even a dict", None)
    assert Draft.objects.get(pk=draft.pk).flow == "not even a dict"
    with pytest.raises(InvalidDefinition) as exc:
        save_draft("basic", {"x": float("nan")}, basic_flow, None)
    assert _codes(exc) == [("definition.not_json", "/form")]
    with pytest.raises(InvalidDefinition) as exc:
        save_draft("basic", {"x": {1, 2}}, basic_flow, None)
    assert _codes(exc) == [("definition.not_json", "/form")]
    assert Draft.objects.get().form == {"anything": [1, "two", None]}


def test_a_deeply_nested_or_huge_draft_is_refused_cleanly(basic_form, settings) -> None:
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(InvalidDefinition) as exc:
        save_draft("basic", basic_form, deep, None)
    assert [p.code for p in exc.value.problems] in (
        ["definition.too_deep"],
        ["definition.not_json"],
    )
    settings.GONGWEN = {"DEFINITION_MAX_BYTES": 1000}
    with pytest.raises(InvalidDefinition) as exc:
        save_draft("basic", {"text": "字" * 1000}, {}, None)
    assert _codes(exc) == [("definition.too_large", "/form")]
    assert _counts() == (0, 0, 0)


@pytest.mark.parametrize("key", ["", "has space", "../etc", "通知", "x" * 65, None])
def test_a_bad_document_type_key_is_refused(key, basic_form, basic_flow) -> None:
    with pytest.raises(InvalidDefinition) as exc:
        save_draft(key, basic_form, basic_flow, None)
    assert [p.code for p in exc.value.problems] == ["definition.invalid_key"]
    assert _counts() == (0, 0, 0)


def test_publish_costs_a_constant_handful_of_queries(basic_form, basic_flow) -> None:
    save_draft("basic", basic_form, basic_flow, None)
    publish("basic", None)
    counts = []
    for n in range(2):
        changed = copy.deepcopy(basic_form)
        changed["name"]["en"] = f"Basic form, revision {n}"
        save_draft("basic", changed, basic_flow, None)
        with CaptureQueriesContext(connection) as queries:
            publish("basic", None)
        counts.append(len(queries))
    # draft, lock, latest number + hash, insert, audit (head lock, event, head), savepoint pair
    assert counts[0] == counts[1] <= 9, [q["sql"][:60] for q in queries]


def test_publishing_is_audited_and_a_refusal_is_not(basic_form, basic_flow, admin_user) -> None:
    version = publish_documents("basic", basic_form, basic_flow, admin_user, "first")
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.target_id) == (
        "gongwen.definition.publish",
        admin_user,
        str(version.pk),
    )
    assert event.payload == {"key": "basic", "version": 1, "content_hash": version.content_hash}
    with pytest.raises(InvalidDefinition):
        publish_documents("basic", basic_form, basic_flow, admin_user)
    assert AuditEvent.objects.count() == 1


def test_the_document_type_takes_the_names_of_the_latest_published_flow(
    basic_form, basic_flow
) -> None:
    publish_documents("basic", basic_form, basic_flow, None)
    renamed = copy.deepcopy(basic_flow)
    renamed["name"] = {"zh-Hans": "基本流程（修订）", "en": "Basic flow, revised"}
    publish_documents("basic", basic_form, renamed, None)
    doc_type = DocumentType.objects.get()
    assert (doc_type.name_zh, doc_type.name_en) == ("基本流程（修订）", "Basic flow, revised")

"""Retired versions start nothing new but stay loadable; compiled specs are cached per version."""

from __future__ import annotations

import copy

import pytest

from gongwen.audit.models import AuditEvent
from gongwen.definitions.canonical import canonical_hash
from gongwen.definitions.models import DefinitionVersion
from gongwen.definitions.specs import FlowSpec, FormSpec
from gongwen.definitions.versions import (
    clear_spec_cache,
    latest,
    load_form_spec,
    load_spec,
    publish_documents,
    retire,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    clear_spec_cache()
    yield
    clear_spec_cache()


@pytest.fixture
def two_versions(basic_form, basic_flow) -> tuple[DefinitionVersion, DefinitionVersion]:
    first = publish_documents("basic", basic_form, basic_flow, None)
    flow = copy.deepcopy(basic_flow)
    flow["nodes"][1]["deadline"]["duration"] = "P2D"
    return first, publish_documents("basic", basic_form, flow, None, "two days to review")


def test_retiring_hides_a_version_from_latest_but_keeps_it_loadable(two_versions) -> None:
    first, second = two_versions
    retired = retire("basic", 2)
    assert retired.is_retired
    assert latest("basic") == first
    assert latest("basic", include_retired=True) == second
    spec = load_spec("basic", 2)
    assert isinstance(spec, FlowSpec)
    assert spec.nodes["review"].deadline.duration.days == 2


def test_retiring_twice_keeps_the_first_retirement_time(two_versions, admin_user) -> None:
    when = retire("basic", 1, by=admin_user).retired_at
    assert retire("basic", 1).retired_at == when
    assert DefinitionVersion.objects.get(version=1).retired_at == when
    retirements = AuditEvent.objects.filter(action="gongwen.definition.retire")
    assert [(e.actor, e.payload) for e in retirements] == [
        (admin_user, {"key": "basic", "version": 1})
    ]


def test_retiring_a_missing_version_is_an_error(two_versions) -> None:
    with pytest.raises(DefinitionVersion.DoesNotExist):
        retire("basic", 9)


def test_republishing_the_content_of_a_retired_latest_version_is_allowed(
    two_versions, basic_form
) -> None:
    _, second = two_versions
    retire("basic", 2)
    third = publish_documents("basic", basic_form, second.flow, None, "bring it back")
    assert third.version == 3
    assert third.content_hash == second.content_hash


def test_load_spec_fills_version_and_hash_and_returns_one_object(two_versions) -> None:
    first, second = two_versions
    spec = load_spec("basic", 2)
    assert spec is load_spec("basic", 2)
    assert (spec.key, spec.version, spec.content_hash) == ("basic", 2, second.content_hash)
    assert load_spec("basic", 1).version == 1
    assert load_spec("basic", 1).content_hash == first.content_hash
    form = load_form_spec("basic", 2)
    assert isinstance(form, FormSpec)
    assert form.version == 2
    assert form.content_hash == canonical_hash(second.form) != second.content_hash
    assert "title" in form.fields


def test_load_spec_does_not_query_once_cached(two_versions, django_assert_num_queries) -> None:
    load_spec("basic", 1)
    with django_assert_num_queries(0):
        load_spec("basic", 1)
        load_form_spec("basic", 1)


def test_loading_a_missing_version_is_an_error() -> None:
    with pytest.raises(DefinitionVersion.DoesNotExist):
        load_spec("basic", 1)


def test_a_published_version_loads_after_its_numbering_series_is_withdrawn(
    basic_form, basic_flow
) -> None:
    from gongwen.definitions.registries import numbering_series_lookup

    flow = copy.deepcopy(basic_flow)
    flow.setdefault("document", {})["numbering_series"] = "县政办发"
    with numbering_series_lookup(lambda key: key == "县政办发"):
        publish_documents(
            "numbered",
            basic_form | {"key": "numbered"},
            flow | {"key": "numbered", "form": "numbered"},
            None,
        )
    clear_spec_cache()
    with numbering_series_lookup(lambda key: False):  # the series was deactivated since
        spec = load_spec("numbered", 1)
    assert spec.document.numbering_series == "县政办发"

"""The admin lists types, drafts and versions; versions are read-only and only retire."""

from __future__ import annotations

import copy

import pytest
from django.urls import reverse

from gongwen.definitions.models import DefinitionVersion, Draft
from gongwen.definitions.versions import publish_documents, save_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(basic_form, basic_flow) -> DefinitionVersion:
    return publish_documents("basic", basic_form, basic_flow, None, "first")


@pytest.mark.parametrize(
    ("model", "query"),
    [
        ("documenttype", "?q=基本&is_retired__exact=0"),
        ("draft", "?q=basic"),
        ("definitionversion", "?q=basic&retired=no"),
        ("definitionversion", "?retired=yes"),
    ],
)
def test_changelists_search_and_filter(admin_client, version, model, query) -> None:
    response = admin_client.get(reverse(f"admin:definitions_{model}_changelist") + query)
    assert response.status_code == 200


def test_a_version_is_shown_read_only_and_cannot_be_added_or_deleted(admin_client, version):
    change = admin_client.get(
        reverse("admin:definitions_definitionversion_change", args=[version.pk])
    )
    assert change.status_code == 200
    assert b'name="changelog"' not in change.content
    assert admin_client.get(reverse("admin:definitions_definitionversion_add")).status_code == 403
    delete = reverse("admin:definitions_definitionversion_delete", args=[version.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    posted = admin_client.post(
        reverse("admin:definitions_definitionversion_change", args=[version.pk]),
        {"changelog": "rewritten"},
    )
    assert posted.status_code == 403
    version.refresh_from_db()
    assert version.changelog == "first"


def test_the_retire_action_retires_the_selected_versions(admin_client, version) -> None:
    response = admin_client.post(
        reverse("admin:definitions_definitionversion_changelist"),
        {"action": "retire_versions", "_selected_action": [version.pk]},
        follow=True,
    )
    assert response.status_code == 200
    version.refresh_from_db()
    assert version.is_retired
    assert version.changelog == "first"


def test_the_publish_action_publishes_valid_drafts_and_reports_invalid_ones(
    admin_client, admin_user, basic_form, basic_flow
) -> None:
    save_draft("basic", basic_form, basic_flow, None)
    broken = copy.deepcopy(basic_flow) | {"key": "broken"}
    save_draft(
        "broken", basic_form | {"key": "broken"}, broken | {"edges": broken["edges"][:-1]}, None
    )
    response = admin_client.post(
        reverse("admin:definitions_draft_changelist"),
        {
            "action": "publish_drafts",
            "_selected_action": list(Draft.objects.values_list("pk", flat=True)),
        },
        follow=True,
    )
    body = response.content.decode()
    assert DefinitionVersion.objects.get().published_by == admin_user
    assert DefinitionVersion.objects.get().document_type.key == "basic"
    assert "broken" in body and "flow." in body

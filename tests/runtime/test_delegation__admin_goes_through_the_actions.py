"""The 委托 admin adds and revokes through the actions: checked, audited, tasks given back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gongwen.audit.models import AuditEvent
from gongwen.org.models import Delegation
from tests.runtime.helpers import open_at, start
from tests.runtime.specs import chain, node


@pytest.fixture
def admin_client(client, people):
    client.force_login(people["admin"])
    return client


def _period(days: int) -> dict:
    start_at, end_at = timezone.localtime(), timezone.localtime() + timedelta(days=days)
    return {
        "starts_at_0": start_at.strftime("%Y-%m-%d"),
        "starts_at_1": start_at.strftime("%H:%M:%S"),
        "ends_at_0": end_at.strftime("%Y-%m-%d"),
        "ends_at_1": end_at.strftime("%H:%M:%S"),
    }


def test_adding_in_the_admin_creates_through_the_action(admin_client, people) -> None:
    form = {"delegator": people["wujing"].pk, "delegate": people["xugang"].pk, "scope": ""}
    response = admin_client.post(
        reverse("admin:org_delegation_add"), {**form, **_period(3), "reason": "休假"}
    )
    assert response.status_code == 302
    delegation = Delegation.objects.get(delegator=people["wujing"])
    event = AuditEvent.objects.get(action="gongwen.delegation.create")
    assert (event.actor, event.target_id) == (people["admin"], str(delegation.pk))


def test_an_overlap_is_shown_on_the_form_and_nothing_is_made(admin_client, people) -> None:
    form = {"delegator": people["chenming"].pk, "delegate": people["linfeng"].pk, "scope": ""}
    response = admin_client.post(
        reverse("admin:org_delegation_add"), {**form, **_period(3), "reason": "x"}
    )
    assert response.status_code == 200
    assert Delegation.objects.filter(delegator=people["chenming"]).count() == 1
    assert not AuditEvent.objects.filter(action="gongwen.delegation.create").exists()


def test_revoking_in_the_admin_gives_the_tasks_back(admin_client, people) -> None:
    spec = chain("admin-revoke", node("sign", "approve", {"rule": "user", "username": "chenming"}))
    (task,) = open_at(start(spec, people["huangmin"]), "sign")
    delegation = Delegation.objects.get(delegator=people["chenming"])

    response = admin_client.post(
        reverse("admin:org_delegation_changelist"),
        {"action": "revoke", "_selected_action": [delegation.pk]},
        follow=True,
    )

    assert response.status_code == 200
    task.refresh_from_db()
    assert task.owner == people["chenming"]
    delegation.refresh_from_db()
    assert delegation.revoked_at is not None
    assert AuditEvent.objects.filter(action="gongwen.delegation.give_back").count() == 1


def test_a_delegation_is_neither_edited_nor_deleted_in_place(admin_client, people) -> None:
    delegation = Delegation.objects.get(delegator=people["chenming"])
    url = reverse("admin:org_delegation_change", args=[delegation.pk])
    response = admin_client.post(url, {"reason": "改"})
    assert response.status_code == 403
    delete = reverse("admin:org_delegation_delete", args=[delegation.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert Delegation.objects.get(pk=delegation.pk).reason == delegation.reason

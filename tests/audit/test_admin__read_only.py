"""The admin shows the trail with search and filters, and offers no way to change it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongwen.audit.models import AuditEvent
from gongwen.audit.recording import record

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, django_user_model, alice):
    admin = django_user_model.objects.create_superuser("root", password="pw-root-123")
    record("gongwen.task.approve", actor=alice, target=("runtime.task", 7), payload={"o": "同意"})
    record("gongwen.task.return", actor=admin, target=("runtime.task", 8))
    client.force_login(admin)
    return client


def test_the_list_searches_and_filters(staff_client, alice) -> None:
    url = reverse("admin:audit_auditevent_changelist")
    page = staff_client.get(url)
    assert page.status_code == 200
    assert b"gongwen.task.approve" in page.content and b"gongwen.task.return" in page.content
    found = staff_client.get(url, {"q": "alice"}).context["cl"].result_list
    assert [e.action for e in found] == ["gongwen.task.approve"]
    found = staff_client.get(url, {"action": "gongwen.task.return"}).context["cl"].result_list
    assert [e.target_id for e in found] == ["8"]
    found = staff_client.get(url, {"actor__id__exact": alice.pk}).context["cl"].result_list
    assert [e.seq for e in found] == [1]


def test_an_event_page_is_read_only(staff_client) -> None:
    event = AuditEvent.objects.get(seq=1)
    page = staff_client.get(reverse("admin:audit_auditevent_change", args=[event.pk]))
    assert page.status_code == 200
    assert b'name="action"' not in page.content  # shown, not editable
    assert event.hash.encode() in page.content


def test_there_is_no_add_change_or_delete(staff_client) -> None:
    event = AuditEvent.objects.get(seq=1)
    assert staff_client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    delete = reverse("admin:audit_auditevent_delete", args=[event.pk])
    assert staff_client.post(delete, {"post": "yes"}).status_code == 403
    change = reverse("admin:audit_auditevent_change", args=[event.pk])
    staff_client.post(change, {"action": "gongwen.task.reject"})
    assert AuditEvent.objects.get(seq=1).action == "gongwen.task.approve"
    assert AuditEvent.objects.count() == 2

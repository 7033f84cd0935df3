"""The audit admin shows each action as its word with the code beside it, in list and filter."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from gongwen.audit.recording import record

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, django_user_model, alice):
    admin = django_user_model.objects.create_superuser("root", password="pw-root-123")
    client.approval = record("gongwen.task.approve", actor=alice, target=("runtime.task", 7))
    record("gongwen.task.return", actor=admin, target=("runtime.task", 8))
    record("acme.thing.done", actor=admin)
    client.force_login(admin)
    return client


def test_the_list_and_filter_show_words_with_codes(staff_client) -> None:
    page = staff_client.get(reverse("admin:audit_auditevent_changelist")).content.decode()
    rows = page[page.index('id="result_list"') : page.index('id="changelist-filter"')]
    assert "通过 (gongwen.task.approve)" in rows and "退回 (gongwen.task.return)" in rows
    assert "acme.thing.done" in rows  # no label: the bare code
    filters = page[page.index('id="changelist-filter"') :]
    assert "通过 (gongwen.task.approve)" in filters and "?action=gongwen.task.return" in filters


def test_the_event_page_shows_the_word(staff_client) -> None:
    # Not pk 1: PostgreSQL's sequences do not restart when a test's transaction rolls back.
    approval = staff_client.approval
    page = staff_client.get(reverse("admin:audit_auditevent_change", args=[approval.pk]))
    assert "通过 (gongwen.task.approve)" in page.content.decode()


def test_in_english_the_word_is_english(staff_client) -> None:
    staff_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = staff_client.get(reverse("admin:audit_auditevent_changelist")).content.decode()
    assert "Approve (gongwen.task.approve)" in page

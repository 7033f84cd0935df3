"""No Python path changes or removes an audit event."""

from __future__ import annotations

import pytest
from django.utils import timezone

from gongwen.audit.exceptions import AppendOnlyError
from gongwen.audit.models import AuditEvent
from gongwen.audit.recording import record
from gongwen.audit.verification import verify_chain

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(alice) -> AuditEvent:
    return record("gongwen.task.approve", actor=alice, payload={"opinion": "同意"})


def test_saving_an_existing_event_is_refused(event) -> None:
    event.payload = {"opinion": "不同意"}
    with pytest.raises(AppendOnlyError):
        event.save()
    assert AuditEvent.objects.get().payload == {"opinion": "同意"}


def test_deleting_an_event_is_refused(event) -> None:
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert AuditEvent.objects.count() == 1


@pytest.mark.parametrize(
    "write",
    [
        lambda qs, e: qs.update(action="gongwen.task.reject"),
        lambda qs, e: qs.delete(),
        lambda qs, e: qs.filter(pk=e.pk).delete(),
        lambda qs, e: qs.bulk_update([e], ["action"]),
        lambda qs, e: qs.bulk_create([AuditEvent(seq=99, at=timezone.now())]),
        lambda qs, e: qs.update_or_create(pk=e.pk, defaults={"action": "x.y"}),
        lambda qs, e: AuditEvent.objects.update(action="x.y"),
        lambda qs, e: AuditEvent._base_manager.all().delete(),
    ],
)
def test_queryset_writes_are_refused(event, write) -> None:
    with pytest.raises(AppendOnlyError):
        write(AuditEvent.objects.all(), event)
    assert verify_chain().intact and AuditEvent.objects.count() == 1


def test_creating_an_event_without_record_is_refused(event) -> None:
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.create(seq=2, at=timezone.now(), action="x.y", prev_hash=event.hash)
    assert AuditEvent.objects.count() == 1


def test_deleting_a_user_with_events_is_refused(event, alice) -> None:
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        alice.delete()
    assert AuditEvent.objects.get().actor == alice

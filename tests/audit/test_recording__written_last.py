"""Inside deferred() the events are written at the end of the work, just before COMMIT."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gongwen.audit.chain import GENESIS_HASH, event_hash
from gongwen.audit.models import AuditChainHead, AuditEvent
from gongwen.audit.recording import deferred, record
from gongwen.audit.verification import BreakKind, verify_chain

pytestmark = pytest.mark.django_db


def test_events_are_written_after_the_work_in_the_order_recorded(alice) -> None:
    with transaction.atomic(), CaptureQueriesContext(connection) as captured, deferred():
        first = record("gongwen.task.approve", actor=alice)
        get_user_model().objects.filter(pk=alice.pk).update(display_name="Alice L.")
        second = record("gongwen.task.return", actor=alice)
        assert first.seq is None and not AuditEvent.objects.exists()  # not yet
    statements = [q["sql"] for q in captured.captured_queries]
    assert all(sql.startswith('INSERT INTO "audit_auditevent"') for sql in statements[-2:])
    work = next(i for i, sql in enumerate(statements) if sql.startswith("UPDATE"))
    assert not any("audit_" in sql for sql in statements[: work + 1])  # the work came first
    assert (first.seq, second.seq, second.prev_hash) == (1, 2, first.hash)
    assert AuditChainHead.objects.get().hash == second.hash
    assert verify_chain().intact


def test_an_event_recorded_in_a_rolled_back_savepoint_is_not_written(alice) -> None:
    with transaction.atomic(), deferred():
        record("gongwen.task.approve", actor=alice, payload={"n": 1})
        with pytest.raises(RuntimeError), transaction.atomic():
            record("gongwen.task.approve", actor=alice, payload={"n": 2})
            raise RuntimeError("the inner part failed")
        record("gongwen.task.approve", actor=alice, payload={"n": 3})
    assert [e.payload["n"] for e in AuditEvent.objects.all()] == [1, 3]
    assert [e.seq for e in AuditEvent.objects.all()] == [1, 2]
    assert verify_chain().intact


def test_a_block_that_raises_writes_none_of_its_events(alice) -> None:
    with pytest.raises(RuntimeError), transaction.atomic(), deferred():
        record("gongwen.task.approve", actor=alice)
        raise RuntimeError("the action failed")
    assert not AuditEvent.objects.exists()
    assert record("gongwen.task.approve", actor=alice).seq == 1


def test_a_nested_scope_hands_its_events_to_the_outermost(alice) -> None:
    with transaction.atomic(), deferred():
        with transaction.atomic(), deferred():
            inner = record("gongwen.task.approve", actor=alice)
        assert inner.seq is None
        outer = record("gongwen.task.return", actor=alice)
    assert (inner.seq, outer.seq) == (1, 2)


def test_outside_a_transaction_the_scope_does_not_defer(alice) -> None:
    with deferred():
        if not connection.in_atomic_block:
            assert record("gongwen.task.approve", actor=alice).seq == 1


def test_events_in_the_first_format_still_verify_and_the_chain_goes_on(alice, tamper) -> None:
    at = timezone.now()
    old = AuditEvent(
        seq=1, at=at, actor=alice, action="gongwen.task.approve", prev_hash=GENESIS_HASH
    )
    old.hash = event_hash(
        seq=1,
        at=at,
        actor_id=alice.pk,
        on_behalf_of_id=None,
        action=old.action,
        target_type="",
        target_id="",
        payload={},
        prev_hash=GENESIS_HASH,
        remote_addr="",
        user_agent="",
    )
    old._chained = True
    old.save()
    new = record("gongwen.task.return", actor=alice)
    assert (new.seq, new.prev_hash) == (2, old.hash)
    assert verify_chain().intact

    tamper("UPDATE audit_auditevent SET action = 'gongwen.task.reject' WHERE seq = 1")
    report = verify_chain()
    assert (report.broken.seq, report.broken.kind) == (1, BreakKind.CONTENT)

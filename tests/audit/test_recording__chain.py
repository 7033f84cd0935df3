"""record(): each event links to the one before it, in the caller's transaction, at fixed cost."""

from __future__ import annotations

from datetime import UTC

import pytest
from django.db import connection, transaction
from django.test import RequestFactory

from gongwen.audit.chain import GENESIS_HASH, linked_event_hash
from gongwen.audit.models import AuditChainHead, AuditEvent
from gongwen.audit.recording import record
from gongwen.audit.verification import verify_chain

pytestmark = pytest.mark.django_db


def _recomputed(event: AuditEvent) -> str:
    fresh = AuditEvent.objects.get(pk=event.pk)
    return linked_event_hash(  # the database linked it: sha256(format|seq|prev|digest)
        seq=fresh.seq,
        at=fresh.at,
        actor_id=fresh.actor_id,
        on_behalf_of_id=fresh.on_behalf_of_id,
        action=fresh.action,
        target_type=fresh.target_type,
        target_id=fresh.target_id,
        payload=fresh.payload,
        prev_hash=fresh.prev_hash,
        remote_addr=fresh.remote_addr,
        user_agent=fresh.user_agent,
    )


def test_first_event_links_to_genesis_and_later_ones_to_their_predecessor(alice) -> None:
    first = record("gongwen.task.approve", actor=alice, payload={"opinion": "同意"})
    second = record("gongwen.task.return", actor=alice)
    assert (first.seq, first.prev_hash) == (1, GENESIS_HASH)
    assert (second.seq, second.prev_hash) == (2, first.hash)
    assert len(first.hash) == 64 and first.hash != second.hash
    assert _recomputed(first) == first.hash
    assert _recomputed(second) == second.hash


def test_stored_event_reads_back_exactly_as_hashed(alice, bob) -> None:
    event = record(
        "gongwen.task.approve",
        actor=alice,
        on_behalf_of=bob,
        target=("runtime.task", 42),
        payload={"opinion": "同意。", "n": [1, 2, {"x": None, "ok": True}]},
    )
    fresh = AuditEvent.objects.get(pk=event.pk)
    assert fresh.at == event.at and fresh.at.utcoffset() == UTC.utcoffset(None)
    assert fresh.payload == {"opinion": "同意。", "n": [1, 2, {"x": None, "ok": True}]}
    assert (fresh.target_type, fresh.target_id) == ("runtime.task", "42")
    assert (fresh.actor, fresh.on_behalf_of) == (alice, bob)
    assert verify_chain().intact


def test_a_model_instance_target_is_its_label_and_primary_key(alice, bob) -> None:
    event = record("gongwen.org.user.view", actor=alice, target=bob)
    assert (event.target_type, event.target_id) == ("org.user", str(bob.pk))


def test_the_request_gives_address_and_user_agent(alice) -> None:
    request = RequestFactory().post(
        "/", REMOTE_ADDR="2001:0db8::0001", HTTP_USER_AGENT="Mozilla/5.0\x00\n(test)"
    )
    event = record("gongwen.task.approve", actor=alice, request=request)
    fresh = AuditEvent.objects.get(pk=event.pk)
    assert fresh.remote_addr == "2001:db8::1"
    assert fresh.user_agent == "Mozilla/5.0(test)"
    assert verify_chain().intact


def test_an_anonymous_or_absent_actor_is_the_system(alice) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert record("gongwen.timer.fire", actor=None).actor_id is None
    assert record("gongwen.timer.fire", actor=AnonymousUser()).actor_id is None


def test_the_event_rolls_back_with_the_action_and_leaves_no_gap(alice) -> None:
    record("gongwen.task.approve", actor=alice)
    with pytest.raises(RuntimeError), transaction.atomic():
        record("gongwen.task.approve", actor=alice)
        raise RuntimeError("the action failed after auditing")
    assert AuditEvent.objects.count() == 1
    assert AuditChainHead.objects.get().seq == 1
    assert record("gongwen.task.approve", actor=alice).seq == 2
    assert verify_chain().intact


@pytest.mark.django_db(transaction=True)
def test_outside_any_transaction_record_opens_and_commits_its_own(alice) -> None:
    assert not connection.in_atomic_block
    event = record("gongwen.task.approve", actor=alice)
    assert not connection.in_atomic_block
    assert AuditEvent.objects.get().hash == event.hash
    assert AuditChainHead.objects.get().hash == event.hash


def test_inside_the_callers_transaction_no_savepoint_is_added(alice, django_assert_num_queries):
    record("gongwen.task.approve", actor=alice)
    with transaction.atomic(), django_assert_num_queries(1) as captured:
        record("gongwen.task.approve", actor=alice)
    assert not any("SAVEPOINT" in q["sql"] for q in captured.captured_queries)


def test_the_very_first_event_also_creates_the_head(alice, django_assert_max_num_queries) -> None:
    with django_assert_max_num_queries(6):
        record("gongwen.task.approve", actor=alice)
    assert AuditChainHead.objects.get().seq == 1


@pytest.mark.parametrize("history", [1, 60])
def test_one_statement_per_event_whatever_the_history(alice, django_assert_num_queries, history):
    for _ in range(history):
        record("gongwen.test.fill", actor=alice)
    with django_assert_num_queries(1) as captured:  # the insert links itself to the head
        event = record("gongwen.task.approve", actor=alice, target=("runtime.task", 1))
    (insert,) = captured.captured_queries
    assert insert["sql"].startswith("INSERT INTO") and "SELECT" in insert["sql"]
    head = AuditChainHead.objects.get()
    assert (head.seq, head.hash) == (event.seq, event.hash) == (history + 1, event.hash)
    assert verify_chain().intact


def test_a_lost_head_row_is_rebuilt_from_the_last_event(alice) -> None:
    record("gongwen.task.approve", actor=alice)
    last = record("gongwen.task.approve", actor=alice)
    AuditChainHead.objects.all().delete()
    follower = record("gongwen.task.approve", actor=alice)
    assert (follower.seq, follower.prev_hash) == (3, last.hash)
    assert verify_chain().intact


def test_the_package_exposes_record_lazily(alice) -> None:
    from gongwen.audit import record as short

    assert short is record
    with pytest.raises(ImportError):
        from gongwen.audit import nothing_here  # noqa: F401

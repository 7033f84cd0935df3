"""events_for / events_by: one person's or one target's events, oldest first, in one query."""

from __future__ import annotations

import re

import pytest

from gongwen.audit.queries import events_by, events_for
from gongwen.audit.recording import record

pytestmark = pytest.mark.django_db


def test_events_for_a_target_in_seq_order(alice, bob, django_assert_num_queries) -> None:
    record("gongwen.task.approve", actor=alice, target=("runtime.task", 1))
    record("gongwen.task.approve", actor=alice, target=("runtime.task", 2))
    record("gongwen.task.return", actor=bob, target=("runtime.task", 1))
    record("gongwen.org.user.view", actor=bob, target=alice)
    with django_assert_num_queries(1):
        found = [(e.seq, e.action) for e in events_for(("runtime.task", "1"))]
    assert found == [(1, "gongwen.task.approve"), (3, "gongwen.task.return")]
    assert [e.seq for e in events_for(alice)] == [4]
    assert list(events_for(None)) == []


def test_events_by_an_actor_and_optionally_on_their_behalf(alice, bob) -> None:
    record("gongwen.task.approve", actor=alice)
    record("gongwen.task.approve", actor=bob, on_behalf_of=alice)
    record("gongwen.task.approve", actor=bob)
    assert [e.seq for e in events_by(alice)] == [1]
    assert [e.seq for e in events_by(alice, include_on_behalf=True)] == [1, 2]
    assert [e.seq for e in events_by(bob)] == [2, 3]


def test_the_trail_queries_use_their_indexes(django_user_model) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("plans checked on PostgreSQL")
    # A known spread of events and fresh statistics, so the plan does not depend on what
    # other tests left in the table's statistics (it did: the planner then took the seq order).
    actors = django_user_model.objects.bulk_create(
        django_user_model(username=f"trail{n}") for n in range(60)
    )
    for n in range(600):
        record("gongwen.test.fill", actor=actors[n % 60], target=("runtime.task", n % 200))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE audit_auditevent")
        cursor.execute("SET enable_seqscan = off")
        for queryset, looked_up in [
            (events_for(("runtime.task", 1)), r"\(target_type\)::text = 'runtime\.task'::text"),
            # A bound parameter shows as 31 (client-side binding) or '31'::smallint (server).
            (events_by(actors[1]), rf"actor_id = '?{actors[1].pk}\b"),
        ]:
            plan = queryset.explain()
            # audit_target_seq / audit_actor_seq, or for a handful of rows the planner's
            # other choice, the foreign key's own index: an index lookup either way.
            conditions = [line for line in plan.splitlines() if "Index Cond:" in line]
            assert "Seq Scan" not in plan, plan
            assert any(re.search(looked_up, line) for line in conditions), plan
        cursor.execute("RESET enable_seqscan")

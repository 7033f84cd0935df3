"""A parent and its child process acted on at once do not deadlock.

Terminating a parent locks it and then its running children; a child that ends locks itself
and then its parent's waiting step. Run together, the two orders meet: the database breaks
the cycle by aborting one transaction, and the action retries it (a deadlock victim has
changed nothing), so both end well — one terminates, the other finds it already done.
"""

from __future__ import annotations

import pytest
from django.db import connection

from gongwen.runtime.actions import Terminate
from gongwen.runtime.models import Outcome, Process
from tests.runtime.helpers import start
from tests.runtime.specs import chain, node
from tests.runtime.test_concurrency__task_completed_once import _both
from tests.runtime.test_subflow__child_process import CHILD, child_type  # noqa: F401

ROUNDS = 8


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_terminating_a_parent_and_its_child_at_once(demo, child_type) -> None:  # noqa: F811
    if connection.vendor != "postgresql":
        pytest.skip("threads cannot share SQLite's in-memory test database")
    initiator = demo["users"]["huangmin"]
    spec = chain(
        "lock-order",
        node("sub", "subflow", params={"flow": CHILD}),
        node("office", "approve", {"rule": "user", "username": "wujing"}),
    )
    for _round in range(ROUNDS):
        parent = start(spec, initiator, data={"body": "x"})
        child = Process.objects.get(parent_task__process=parent)

        outcomes = _both(
            Terminate(parent, initiator, reason="撤销"),
            Terminate(child, initiator, reason="不再需要"),
        )

        assert sorted(outcomes) in (["ok", "ok"], ["conflict", "ok"]), outcomes
        parent.refresh_from_db()
        child.refresh_from_db()
        assert (parent.outcome, child.outcome) == (Outcome.TERMINATED, Outcome.TERMINATED)

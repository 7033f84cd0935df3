"""The cost of one approval does not grow with the length of the process's history."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongwen.runtime.actions import Approve
from tests.runtime.helpers import open_at, start
from tests.runtime.specs import chain, node

STEPS = 12
#: Issue 5's target (DESIGN.md "Performance shape"): lock the process and load the task, trace
#: row, audit (lock head, insert), finish the task, resolve the next person with their
#: delegation, create the next task, link it — 8 statements, whatever the history.
CEILING = 8
#: Transaction control is not work: the test's own transaction turns the action's BEGIN/COMMIT
#: into a savepoint pair.
CONTROL = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT", "BEGIN", "COMMIT")


def statements(queries: CaptureQueriesContext) -> list[str]:
    """Return the SQL of the captured statements that do work (not transaction control)."""
    return [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(CONTROL)]


def test_approval_costs_the_same_at_step_two_and_step_eleven(people) -> None:
    steps = [
        node(f"s{i}", "approve", {"rule": "user", "username": "wujing" if i % 2 else "hetao"})
        for i in range(STEPS)
    ]
    process = start(chain("flat", *steps), people["huangmin"])
    counts = []
    for i in range(STEPS - 1):  # the last approval also finishes the process
        task = open_at(process, f"s{i}")[0]
        actor = people["wujing" if i % 2 else "hetao"]
        with CaptureQueriesContext(connection) as queries:
            Approve(task, actor, opinion="同意").execute()
        counts.append(len(statements(queries)))
    assert len(set(counts)) == 1, counts
    assert counts[0] <= CEILING

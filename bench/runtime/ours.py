"""Ours: Gongwen's ``StartProcess`` and ``Approve`` actions through Django on PostgreSQL.

Statements are counted in one pass (``CaptureQueriesContext``) and time is taken in others
without capturing, so the count's debug cursor does not slow the timed approvals. Approvals
measured one by one walk a single long chain; flows are separate processes.
"""

from __future__ import annotations

import itertools
import os
import time
from typing import Any

from bench.runtime.stats import elapsed_ms

USERNAME = "bench"
FLOW_STEPS = 5


def set_up(url: str) -> Any:
    """Point Django at ``url``, migrate it and return the benchmark's user.

    The runtime runs alone, on unpublished specs: the documents layer's 签发 hook is off.
    """
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongwen.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db.models.signals import post_save

    from gongwen.runtime.models import TraceEntry

    settings.DEBUG = False
    call_command("migrate", verbosity=0, interactive=False)
    post_save.disconnect(sender=TraceEntry, dispatch_uid="documents.sign")
    return get_user_model().objects.create_user(USERNAME, password=None)


def chain_spec(key: str, steps: int) -> Any:
    """Return start → ``steps`` approve steps, all for the benchmark's user → end."""
    from gongwen.definitions.specs import AssigneeSpec, EdgeSpec, FlowSpec, NodeSpec, NodeType
    from gongwen.definitions.specs import frozen_map as fm

    rule = AssigneeSpec(rule="user", params=fm({"username": USERNAME}))
    nodes = [NodeSpec(id="start", type=NodeType.START)]
    nodes += [NodeSpec(id=f"s{n}", type=NodeType.APPROVE, assignee=rule) for n in range(steps)]
    nodes.append(NodeSpec(id="end", type=NodeType.END))
    edges = tuple(
        EdgeSpec(source=a.id, target=b.id, order=n)
        for n, (a, b) in enumerate(itertools.pairwise(nodes))
    )
    name = fm({"zh-Hans": key, "en": key})
    nodes_by_id = fm({n.id: n for n in nodes})
    return FlowSpec(
        key=key, version=1, name=name, form_key=key, nodes=nodes_by_id, edges=edges, document=None
    )


#: Transaction control, which no engine's count includes (Django logs BEGIN and COMMIT).
CONTROL = ("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK")


def start(spec: Any, user: Any) -> int:
    """Start ``spec``; return the id of its first open task."""
    from gongwen.runtime.actions import StartProcess

    return StartProcess(spec, user).execute().opened_task_ids[0]


def approve(task_id: int, user: Any) -> int:
    """Approve ``task_id`` with 同意; return the next open task's id (0 at the end)."""
    from gongwen.runtime.actions import Approve

    opened = Approve(task_id, user, opinion="同意").execute().opened_task_ids
    return opened[0] if opened else 0


class Ours:
    """Gongwen's actions on the database Django was set up with."""

    name = "ours"

    def __init__(self, user: Any, chain_steps: int) -> None:
        self.user = user
        self.chain = chain_spec("bench-chain", chain_steps)
        self.flow = chain_spec("bench-flow", FLOW_STEPS)
        self.task_id = 0  # the open task of the long chain (0: not started yet)

    @classmethod
    def connect(cls, url: str, chain_steps: int) -> Ours:
        """Set Django up on ``url`` (migrated); the chain will have ``chain_steps`` steps."""
        return cls(set_up(url), chain_steps)

    def approve_chain(self) -> None:
        """Approve the open task of the long chain (started on first use)."""
        if not self.task_id:
            self.task_id = start(self.chain, self.user)
        self.task_id = approve(self.task_id, self.user)

    def warm_up(self, count: int) -> None:
        """Approve ``count`` times along the chain and run one flow (builds both flow classes)."""
        for _ in range(count):
            self.approve_chain()
        self.run_flow()

    def count_statements(self, count: int) -> list[int]:
        """Approve ``count`` times along the chain; return statements per approval.

        Counted: the statements of the action's transaction (as for the floor and Spiff).
        After its COMMIT the action's ``on_commit`` work runs — enqueueing the announcement of
        the next person's task (``runtime.announcements``): printed apart, not counted.
        """
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        counts, after = [], []
        for _ in range(count):
            connection.queries_log.clear()  # the log keeps 9,000 statements; counts need room
            with CaptureQueriesContext(connection) as queries:
                self.approve_chain()
            sql = [q["sql"] for q in queries.captured_queries]
            end = sql.index("COMMIT") if "COMMIT" in sql else len(sql)
            counts.append(sum(not q.startswith(CONTROL) for q in sql[:end]))
            after.append(sum(not q.startswith(CONTROL) for q in sql[end:]))
        print(f"ours: plus {max(after)} statement(s) after COMMIT per approval (on_commit work)")
        self._print_database_share(count)
        return counts

    def _print_database_share(self, count: int) -> None:
        """Approve ``count`` times; print how much of an approval waits on the database.

        Each statement's ``execute`` (driver and server round trip) is timed by a Django
        execute wrapper; COMMIT is not a statement there. The rest is Python and the commit.
        """
        from django.db import connection

        from bench.runtime.stats import p50

        waited: list[float] = []

        def timed(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                waited[-1] += (time.perf_counter() - started) * 1000

        totals = []
        with connection.execute_wrapper(timed):
            for _ in range(count):
                waited.append(0.0)
                totals.append(elapsed_ms(self.approve_chain)[1])
        in_db, total = p50(waited), p50(totals)
        print(
            f"ours: an approval spends p50 {in_db:.2f} ms executing its statements (driver and "
            f"server, the after-commit one included) of {total:.2f} ms; the rest is Python "
            "(Django, viewflow, ours) and the COMMIT"
        )

    def time_approvals(self, count: int) -> list[float]:
        """Approve ``count`` times along the chain; return ms per approval."""
        return [elapsed_ms(self.approve_chain)[1] for _ in range(count)]

    def run_flow(self) -> None:
        """Run start → 5 approvals → end as a new process."""
        task_id = start(self.flow, self.user)
        while task_id:
            task_id = approve(task_id, self.user)

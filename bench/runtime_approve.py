"""Benchmark: SQL statements and ms per approval as history grows; inbox queries at any size.

Run: ``.venv/bin/python bench/runtime_approve.py [--history 10,1000] [--inbox 10,10000]``
(``make bench`` runs it; set ``DATABASE_URL`` for PostgreSQL, else SQLite in memory). On a
throwaway test database it walks one process through a chain of approve steps and, after 10
and after 1,000 prior steps, measures the next few approvals (statements, median ms). Then it
fills one person's 待办 with 10 and 10,000 open tasks and measures the first inbox page
(statements, ms). Prints the ratios and exits 1 unless statements per approval and per inbox
page are flat (the same at the large size as at the small one).
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "platform"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongwen.settings")

SAMPLES = 5
#: Transaction control is not counted (as in bench/runtime and the query-count test).
CONTROL = ("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK")


def _spec(key: str, steps: int) -> Any:
    """Return start → ``steps`` approve steps (all for user ``bench``) → end."""
    from gongwen.definitions.specs import AssigneeSpec, EdgeSpec, FlowSpec, NodeSpec, NodeType
    from gongwen.definitions.specs import frozen_map as fm

    rule = AssigneeSpec(rule="user", params=fm({"username": "bench"}))
    nodes = [NodeSpec(id="start", type=NodeType.START)]
    nodes += [NodeSpec(id=f"s{n}", type=NodeType.APPROVE, assignee=rule) for n in range(steps)]
    nodes.append(NodeSpec(id="end", type=NodeType.END))
    edges = tuple(
        EdgeSpec(source=a.id, target=b.id, condition=None, default=False, order=n)
        for n, (a, b) in enumerate(itertools.pairwise(nodes))
    )
    return FlowSpec(
        key=key,
        version=1,
        name=fm({"zh-Hans": key, "en": key}),
        form_key=key,
        nodes=fm({n.id: n for n in nodes}),
        edges=edges,
        document=None,
    )


def _approve_next(process: Any, user: Any) -> tuple[int, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongwen.runtime.actions import Approve
    from gongwen.runtime.models import OPEN_STATUSES, Task

    task = Task.objects.filter(process=process, status__in=OPEN_STATUSES).get()
    connection.queries_log.clear()  # the log keeps 9,000 statements; counts need room
    with CaptureQueriesContext(connection) as queries:
        t0 = time.perf_counter()
        Approve(task, user, opinion="同意").execute()
        elapsed = (time.perf_counter() - t0) * 1000
    work = [q for q in queries.captured_queries if not q["sql"].startswith(CONTROL)]
    return len(work), elapsed


def measure_approvals(history: list[int], user: Any) -> dict[int, tuple[int, float]]:
    """Return {prior steps: (max statements, median ms)} of approvals after that history."""
    from gongwen.runtime.actions import StartProcess
    from gongwen.runtime.models import Process

    spec = _spec("bench-approve", max(history) + SAMPLES + 1)
    process = Process.objects.get(pk=StartProcess(spec, user).execute().process_id)
    done, found = 0, {}
    for size in sorted(history):
        while done < size:
            _approve_next(process, user)
            done += 1
        runs = [_approve_next(process, user) for _ in range(SAMPLES)]
        done += SAMPLES
        found[size] = (max(r[0] for r in runs), statistics.median(r[1] for r in runs))
    return found


def measure_inbox(sizes: list[int], user: Any) -> dict[int, tuple[int, float]]:
    """Return {open tasks: (statements, ms)} of the first 待办 page with that many open tasks."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongwen.runtime import inbox
    from gongwen.runtime.actions import StartProcess
    from gongwen.runtime.models import OPEN_STATUSES, Process, Task

    process = Process.objects.get(
        pk=StartProcess(_spec("bench-inbox", 1), user).execute().process_id
    )
    template = Task.objects.get(process=process, status__in=OPEN_STATUSES)
    have, found = 1, {}
    for size in sorted(sizes):
        fields = [f.attname for f in Task._meta.concrete_fields if not f.primary_key]
        clones = [
            Task(**{name: getattr(template, name) for name in fields}) for _ in range(size - have)
        ]
        Task.objects.bulk_create(clones, batch_size=500)
        have = size
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            t0 = time.perf_counter()
            rows = inbox.todo(user)
            [(t.process.title, t.owner.username, t.on_behalf_of) for t in rows]
            elapsed = (time.perf_counter() - t0) * 1000
        found[size] = (len(queries), elapsed)
    return found


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the table and return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--history", default="10,1000")
    parser.add_argument("--inbox", default="10,10000")
    args = parser.parse_args(argv)
    history = [int(x) for x in args.history.split(",")]
    sizes = [int(x) for x in args.inbox.split(",")]

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import setup_test_environment

    settings.DEBUG = False
    from django.db.models.signals import post_save

    from gongwen.runtime.models import TraceEntry

    # The runtime alone, on unpublished specs: without the documents layer's 签发 hook.
    post_save.disconnect(sender=TraceEntry, dispatch_uid="documents.sign")
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        user = get_user_model().objects.create_user("bench", password=None)
        approvals = measure_approvals(history, user)
        pages = measure_inbox(sizes, user)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    print(f"database: {connection.vendor}")
    print("prior steps | statements per approval | median ms")
    for size, (statements, ms) in approvals.items():
        print(f"{size:>11} | {statements:>23} | {ms:9.1f}")
    small, large = approvals[min(history)], approvals[max(history)]
    print(
        f"ratio {max(history)}/{min(history)}: statements {large[0] / small[0]:.2f}, "
        f"ms {large[1] / small[1]:.2f}"
    )
    print("open tasks | statements per 待办 page | ms")
    for size, (statements, ms) in pages.items():
        print(f"{size:>10} | {statements:>23} | {ms:6.1f}")
    counted = all(n > 0 for n, _ in [*approvals.values(), *pages.values()])
    flat = counted and large[0] <= small[0] and pages[max(sizes)][0] <= pages[min(sizes)][0]
    print("target: statements flat with history and inbox size —", "met" if flat else "MISSED")
    return 0 if flat else 1


if __name__ == "__main__":
    sys.exit(main())

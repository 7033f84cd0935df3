"""Benchmark: how long each action holds the audit head, and actions/s with 1 and 2 processes.

Run from the repository root: ``.venv/bin/python bench/audit_head.py``. It drops and creates the
PostgreSQL database ``gongwen_bench_audit`` (``--database-url`` or ``BENCH_AUDIT_DATABASE_URL``
name another), migrates it, then:

1. **Hold.** One process approves along a long chain. The audit head row is locked by the first
   audit ``INSERT`` of the action (``gongwen.audit.recording``) and released by its COMMIT, so
   the hold is timed from the start of that ``INSERT`` (a Django execute wrapper) to the return
   of the action (COMMIT done; its ``on_commit`` work, a signal send, is counted too: an upper
   bound). With one writer nobody waits for the lock, so this is the hold itself. The same is
   measured with the events written where they are recorded (``--compare``: the behaviour
   before ADR 0003), to show what writing them last buys.
2. **Throughput.** 1, then 2 worker processes each approve along their own chains (no rows in
   common but the audit head) for ``--seconds``; sustained actions/s is every worker's count
   over the wall time.
3. **Flushes.** Statements sent after the action's COMMIT (an autocommit statement there would
   be a second disk flush): must be 0.

Targets: hold p95 ≤ 1 ms; 2 processes ≥ 1.7× one; 0 statements after COMMIT. Exits 1 on a miss
after printing every figure. PostgreSQL only (SQLite has one writer at a time by design).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
from contextlib import nullcontext
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "platform")]

from bench.runtime import database  # noqa: E402
from bench.runtime.stats import p50, p95  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/gongwen_bench_audit"
CHAIN_STEPS = 200
HOLD_TARGET_MS = 1.0
SCALE_TARGET = 1.7


def _django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongwen.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False


class Walker:
    """Approve along chains of ``CHAIN_STEPS`` steps, starting a new one at the end."""

    def __init__(self, user: Any, key: str) -> None:
        from bench.runtime.ours import chain_spec

        self.user = user
        self.spec = chain_spec(key, CHAIN_STEPS)
        self.task_id = 0

    def step(self) -> None:
        """Run one action: an approval (or the start of a new chain)."""
        from bench.runtime.ours import approve, start

        if not self.task_id:
            self.task_id = start(self.spec, self.user)
        else:
            self.task_id = approve(self.task_id, self.user)


def measure_hold(walker: Walker, count: int) -> list[float]:
    """Run ``count`` actions; return the ms from each one's first audit INSERT to COMMIT done."""
    from django.db import connection

    marks: dict[str, float] = {}

    def watch(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if "audit_auditevent" in sql and sql.startswith("INSERT") and "audit" not in marks:
            marks["audit"] = time.perf_counter()
        return execute(sql, params, many, context)

    holds = []
    with connection.execute_wrapper(watch):
        for _ in range(count):
            marks.clear()
            walker.step()
            done = time.perf_counter()
            if "audit" in marks:
                holds.append((done - marks["audit"]) * 1000)
    return holds


def statements_after_commit(walker: Walker, count: int) -> int:
    """Run ``count`` actions; return the most statements one sent after its COMMIT."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    most = 0
    for _ in range(count):
        with CaptureQueriesContext(connection) as queries:
            walker.step()
        sql = [q["sql"] for q in queries.captured_queries]
        if "COMMIT" in sql:
            most = max(most, len(sql) - sql.index("COMMIT") - 1)
    return most


def _worker(url: str, index: int, seconds: float, start_at: float, out: Any) -> None:
    _django(url)
    from django.contrib.auth import get_user_model

    walker = Walker(get_user_model().objects.get(username="bench"), f"bench-audit-{index}")
    for _ in range(20):  # warm: prepared statements, flow class
        walker.step()
    while time.time() < start_at:
        time.sleep(0.001)
    done, stop = 0, start_at + seconds
    while time.time() < stop:
        walker.step()
        done += 1
    out.put(done)


def throughput(url: str, processes: int, seconds: float) -> float:
    """Return actions/s sustained by ``processes`` workers together for ``seconds``."""
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    start_at = time.time() + 8.0  # time for every worker to set Django up and warm
    workers = [
        context.Process(target=_worker, args=(url, n + processes * 10, seconds, start_at, out))
        for n in range(processes)
    ]
    for worker in workers:
        worker.start()
    total = sum(out.get() for _ in workers)
    for worker in workers:
        worker.join()
    return total / seconds


def main(argv: list[str] | None = None) -> int:
    """Measure, print every figure against its target; return 1 if any was missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url")
    parser.add_argument("--actions", type=int, default=600, help="actions timed for the hold")
    parser.add_argument("--seconds", type=float, default=15.0, help="per throughput run")
    parser.add_argument(
        "--compare", action="store_true", help="also time the hold with events written early"
    )
    args = parser.parse_args(argv)
    url = args.database_url or os.environ.get("BENCH_AUDIT_DATABASE_URL") or DEFAULT_URL
    database.recreate(url)
    from bench.runtime.ours import set_up

    user = set_up(url)
    print(f"PostgreSQL {database.server_version(url)}, load average {os.getloadavg()[0]:.2f}")

    walker = Walker(user, "bench-audit-hold")
    for _ in range(50):
        walker.step()
    holds = measure_hold(walker, args.actions)
    hold95 = p95(holds)
    print(
        "head held (first audit INSERT → COMMIT done): "
        f"p50 {p50(holds):.3f} ms, p95 {hold95:.3f} ms"
    )
    print(f"  installation ceiling the head allows: about {1000 / p50(holds):.0f} actions/s")
    if args.compare:
        from gongwen.kernel import transactions

        written_last = transactions.deferred
        transactions.deferred = lambda using="default": nullcontext()
        early = measure_hold(walker, args.actions)
        transactions.deferred = written_last
        print(
            "  events written where recorded (before ADR 0003): "
            f"p50 {p50(early):.3f} ms, p95 {p95(early):.3f} ms"
        )
    flushes = statements_after_commit(walker, 50)
    print(f"statements after COMMIT per action (extra disk flushes): {flushes}")

    one = throughput(url, 1, args.seconds)
    two = throughput(url, 2, args.seconds)
    print(
        f"actions/s: 1 process {one:.1f}, 2 processes {two:.1f} "
        f"({two / one:.2f}×), {os.cpu_count()} CPUs"
    )

    misses = []
    if hold95 > HOLD_TARGET_MS:
        misses.append(f"head hold p95 {hold95:.3f} ms > {HOLD_TARGET_MS} ms")
    if two < SCALE_TARGET * one:
        misses.append(f"2 processes {two / one:.2f}× one < {SCALE_TARGET}×")
    if flushes:
        misses.append(f"{flushes} statement(s) after COMMIT")
    for miss in misses:
        print(f"MISSED: {miss}")
    if not misses:
        print("all targets met")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())

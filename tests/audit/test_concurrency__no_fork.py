"""Many writers at once: the chain never forks and seq has no gaps.

On PostgreSQL the writer threads share the test database. SQLite's in-memory test database
cannot be shared by threads (shared-cache table locks fail instead of waiting), so on SQLite
the race runs in a child process against a throwaway *file* database with the project's real
SQLite options, and ``manage.py verify_audit`` then checks it in another process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection, connections

from gongwen.audit.models import AuditEvent
from gongwen.audit.recording import record
from gongwen.audit.verification import verify_chain

WRITERS = 24
EVENTS_EACH = 5
TOTAL = WRITERS * EVENTS_EACH
REPO = Path(__file__).resolve().parents[2]


def _write(user, barrier: threading.Barrier, errors: list[BaseException]) -> None:
    try:
        barrier.wait(timeout=30)
        for n in range(EVENTS_EACH):
            record("gongwen.test.race", actor=user, target=("test.thing", n))
    except BaseException as exc:  # handed to the main thread
        errors.append(exc)
    finally:
        connections.close_all()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_on_postgresql_leave_one_gap_free_chain(django_user_model) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the SQLite race runs in a child process (next test)")
    people = [django_user_model.objects.create_user(f"writer{i}") for i in range(WRITERS)]
    barrier = threading.Barrier(WRITERS)
    errors: list[BaseException] = []
    threads = [threading.Thread(target=_write, args=(p, barrier, errors)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    events = AuditEvent.objects.order_by("seq")
    assert list(events.values_list("seq", flat=True)) == list(range(1, TOTAL + 1))
    assert events.values("actor").distinct().count() == WRITERS
    report = verify_chain()
    assert report.intact, report.broken
    assert report.checked == TOTAL


def test_concurrent_writers_on_a_sqlite_file_leave_one_gap_free_chain(tmp_path) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-only; the PostgreSQL race is the test above")
    env = {**os.environ, "GONGWEN_VAR_DIR": str(tmp_path), "GONGWEN_SECRET_KEY": "race-test"}
    env.pop("DATABASE_URL", None)
    race = subprocess.run(  # noqa: S603 - our own script, fixed arguments
        [
            sys.executable,
            str(Path(__file__).with_name("race_writers.py")),
            str(WRITERS),
            str(EVENTS_EACH),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert json.loads(race.stdout.strip().splitlines()[-1]) == []
    verify = subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [sys.executable, str(REPO / "manage.py"), "verify_audit"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert verify.returncode == 0, verify.stderr
    assert f"audit chain intact: {TOTAL} events; head {TOTAL}:" in verify.stdout

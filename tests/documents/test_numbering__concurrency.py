"""Twenty-four threads allocate at once: the numbers are exactly 1..N, no gap, no duplicate.

Each thread has its own database connection. On PostgreSQL they are ordinary connections to
the test database and serialise on ``SELECT … FOR UPDATE`` of the counter row.

On SQLite the test database pytest-django makes is in memory with a *shared cache*; there,
concurrent writers get ``SQLITE_LOCKED`` ("database table is locked") at once — the busy
timeout does not apply to shared-cache table locks — so it cannot show how the product behaves.
The product uses a file with ``BEGIN IMMEDIATE`` and a busy timeout, so these tests copy the
migrated in-memory database into a temporary file with SQLite's backup API and give every
thread (and the main thread) its own connection to that file, with the project's settings.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection, connections, transaction

from gongwen.documents.numbering import services
from gongwen.documents.numbering.models import IssuedNumber, NumberSeries

THREADS = 24
PER_THREAD = 2


@contextmanager
def database_for_threads(tmp_path: Path) -> Iterator[dict | None]:
    """Yield the settings each thread should connect with (``None``: the default is fine)."""
    if connection.vendor != "sqlite":
        yield None
        return
    connection.ensure_connection()
    target = sqlite3.connect(tmp_path / "numbering.sqlite3")
    connection.connection.backup(target)
    target.close()
    file_settings = {**connection.settings_dict, "NAME": str(tmp_path / "numbering.sqlite3")}
    original = connections["default"]
    connections["default"] = original.__class__(file_settings, "default")
    try:
        yield file_settings
    finally:
        connections["default"].close()
        connections["default"] = original


def run_threads(settings_dict: dict | None, work, count: int = THREADS) -> list[BaseException]:
    """Run ``work()`` in ``count`` threads started together; return the errors raised."""
    barrier, errors = threading.Barrier(count), []
    wrapper_class = type(connections["default"])  # `connection` is a per-thread proxy

    def body() -> None:
        if settings_dict is not None:
            connections["default"] = wrapper_class(settings_dict, "default")
        try:
            barrier.wait()
            work()
        except BaseException as exc:  # collected and asserted on by the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=body) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@pytest.mark.django_db(transaction=True)
def test_concurrent_allocations_are_exactly_one_to_n(tmp_path) -> None:
    with database_for_threads(tmp_path) as settings_dict:
        NumberSeries.objects.create(key="县政办发", organ_code="县政办发")

        def work() -> None:
            for _ in range(PER_THREAD):
                services.allocate("县政办发", year=2026, by=None, target="race")

        errors = run_threads(settings_dict, work)
        sequences = sorted(IssuedNumber.objects.values_list("sequence", flat=True))
    assert errors == []
    assert sequences == list(range(1, THREADS * PER_THREAD + 1))


@pytest.mark.django_db(transaction=True)
def test_concurrent_first_use_of_a_year_creates_one_counter(tmp_path) -> None:
    # No counter row exists yet: the threads race to create it too.
    with database_for_threads(tmp_path) as settings_dict:
        NumberSeries.objects.create(key="县政发", organ_code="县政发")
        errors = run_threads(settings_dict, lambda: services.allocate("县政发", year=2031, by=None))
        sequences = sorted(IssuedNumber.objects.values_list("sequence", flat=True))
        counters = list(
            NumberSeries.objects.get(key="县政发").counters.values_list("year", flat=True)
        )
    assert errors == []
    assert sequences == list(range(1, THREADS + 1))
    assert counters == [2031]


@pytest.mark.django_db(transaction=True)
def test_failed_actions_in_concurrent_threads_leave_no_gaps(tmp_path) -> None:
    with database_for_threads(tmp_path) as settings_dict:
        NumberSeries.objects.create(key="县财发", organ_code="县财发")
        failures = iter(range(THREADS))
        lock = threading.Lock()

        def work() -> None:
            with lock:
                fail = next(failures) % 3 == 0
            with transaction.atomic():
                services.allocate("县财发", year=2026, by=None)
                if fail:
                    raise RuntimeError("action failed after numbering")

        errors = run_threads(settings_dict, work)
        sequences = sorted(IssuedNumber.objects.values_list("sequence", flat=True))
    assert len(errors) == THREADS // 3 and all(isinstance(e, RuntimeError) for e in errors)
    assert sequences == list(range(1, THREADS - THREADS // 3 + 1))

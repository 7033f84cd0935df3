"""Every deadline fires once: workers racing on PostgreSQL, and the real ``db_worker``."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, connections

from gongwen.definitions.specs import DeadlineSpec, Escalation
from gongwen.notifications.models import Notification
from gongwen.runtime.deadlines.firing import fire_due
from gongwen.runtime.deadlines.models import Deadline
from gongwen.runtime.deadlines.tasks import fire_due_deadlines
from gongwen.runtime.models import Process, Task, TraceEntry
from tests.runtime.deadline_helpers import make_due
from tests.runtime.helpers import start
from tests.runtime.specs import chain, node

WORKERS = 4
DEADLINES = 30


def _timed_sign(escalation: str = "auto_approve"):
    limit = DeadlineSpec(
        duration=timedelta(hours=1),
        working_time=False,
        remind_before=timedelta(minutes=15),
        escalation=Escalation(escalation),
    )
    return chain(
        "race", node("sign", "approve", {"rule": "user", "username": "hetao"}, deadline=limit)
    )


def _workers_sweep() -> Counter:
    """Let WORKERS threads sweep at once, each until it finds nothing; return the total."""
    barrier = threading.Barrier(WORKERS)
    total: Counter = Counter()
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker() -> None:
        mine: Counter = Counter()
        try:
            barrier.wait()
            while report := fire_due():
                mine.update(report)  # rows another worker holds come back as "skipped"
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()
        with lock:
            total.update(mine)

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, errors
    return total


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_racing_workers_fire_every_reminder_and_escalation_exactly_once(demo) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("threads cannot share SQLite's in-memory test database")
    spec = _timed_sign()
    processes = [start(spec, demo["users"]["huangmin"]) for _ in range(DEADLINES)]
    make_due(remind=True)
    reminded = _workers_sweep()
    make_due(expire=True)
    escalated = _workers_sweep()

    assert reminded["reminded"] == DEADLINES and escalated["escalated"] == DEADLINES
    fired = Counter(
        TraceEntry.objects.filter(action__startswith="gongwen.").values_list("task_id", "action")
    )
    for task in Task.objects.filter(node_id="sign"):
        for action in ("gongwen.deadline.remind", "gongwen.deadline.expire"):
            assert fired[(task.pk, action)] == 1
        assert fired[(task.pk, "gongwen.task.auto_approve")] == 1
    kinds = Counter(Notification.objects.values_list("kind", flat=True))
    assert kinds == {"deadline.reminder": DEADLINES, "deadline.expired": DEADLINES}
    assert set(
        Process.objects.filter(pk__in=[p.pk for p in processes]).values_list("outcome", flat=True)
    ) == {"completed"}
    assert not Deadline.objects.filter(settled_at__isnull=True).exists()


@pytest.mark.django_db(transaction=True)
def test_db_worker_runs_the_sweep_and_keeps_one_waiting(demo) -> None:
    from django_tasks_db.models import DBTaskResult

    spec = _timed_sign("none")
    start(spec, demo["users"]["huangmin"])
    start(spec, demo["users"]["huangmin"])
    waiting = DBTaskResult.objects.filter(task_path=fire_due_deadlines.module_path, status="READY")
    assert waiting.count() == 1  # the first deadline started the chain, the second saw it
    make_due(remind=True)
    fire_due_deadlines.enqueue()
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO(), stderr=StringIO())
    assert Notification.objects.filter(kind="deadline.reminder").count() == 2
    done = DBTaskResult.objects.filter(
        task_path=fire_due_deadlines.module_path, status="SUCCESSFUL"
    )
    assert done.count() == 1
    assert waiting.count() == 1  # the one waiting sweep is still there, not duplicated


def test_a_failing_enqueue_after_commit_does_not_fail_the_action(
    demo, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    from gongwen.runtime.deadlines import scheduling

    def broken(delay=None) -> bool:
        raise RuntimeError("queue unavailable")

    monkeypatch.setattr(scheduling, "ensure_sweep_scheduled", broken)
    with django_capture_on_commit_callbacks(execute=True):
        process = start(_timed_sign("none"), demo["users"]["huangmin"])
    assert Deadline.objects.filter(task__process=process).count() == 1

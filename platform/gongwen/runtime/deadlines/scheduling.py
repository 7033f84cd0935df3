"""Create a task's ``Deadline`` when the task opens, and keep the worker's sweep scheduled."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from gongwen.definitions.specs import DeadlineSpec
from gongwen.runtime.calendar.arithmetic import add_working_span, working_span
from gongwen.runtime.deadlines.models import Deadline
from gongwen.runtime.domain_events import TaskOpened
from gongwen.runtime.engine.operations import is_human, node_spec
from gongwen.runtime.pool import is_pool_task

log = logging.getLogger(__name__)


def due_times(spec: DeadlineSpec, start: datetime) -> tuple[datetime, datetime | None]:
    """Return ``(due_at, remind_at)`` for a task opened at ``start`` under ``spec``.

    In working time the reminder comes ``remind_before`` working time before the due time
    (at the start at the earliest): ``P2D`` with ``PT4H`` reminds after 2 × 7 − 4 = 10 hours.
    """
    if not spec.working_time:
        due = start + spec.duration
        remind = due - spec.remind_before if spec.remind_before else None
        return due, max(remind, start) if remind else None
    span = working_span(spec.duration)
    due = add_working_span(start, span)
    if not spec.remind_before:
        return due, None
    ahead = max(span - working_span(spec.remind_before), timedelta(0))
    return due, add_working_span(start, ahead)


def on_task_opened(event: TaskOpened) -> None:
    """A new person's (or 认领 pool) task at a timed node gets its ``Deadline``, in the action."""
    instance = event.task
    if not is_human(instance):
        return
    if instance.owner_id is None and not is_pool_task(instance):
        return
    spec = node_spec(instance).deadline
    if spec is None:
        return
    start = instance.assigned or instance.created or timezone.now()
    due, remind = due_times(spec, start)
    Deadline.objects.create(task=instance, due_at=due, remind_at=remind, escalation=spec.escalation)
    transaction.on_commit(_keep_sweep_scheduled)


def _keep_sweep_scheduled() -> None:
    """Schedule the sweep after commit; a failure is logged (the action has committed)."""
    try:
        ensure_sweep_scheduled()
    except Exception:  # the deadline is stored; cron or the next deadline schedules a sweep
        log.exception("could not enqueue the deadline sweep")


def ensure_sweep_scheduled(delay: timedelta | None = None) -> bool:
    """Enqueue the worker's periodic sweep unless one is already waiting; return if enqueued.

    Only the database backend (``django_tasks_db``) can be asked what is waiting; with
    another backend, run ``manage.py fire_deadlines`` from cron instead.
    """
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    from gongwen.runtime.deadlines.tasks import fire_due_deadlines

    if not isinstance(fire_due_deadlines.get_backend(), DatabaseBackend):
        return False

    waiting = DBTaskResult.objects.filter(
        task_path=fire_due_deadlines.module_path, status="READY"
    ).exists()
    if waiting:
        return False
    enqueue_sweep(delay)
    return True


def enqueue_sweep(delay: timedelta | None = None) -> None:
    """Enqueue one sweep to run after ``delay`` (default: the configured interval)."""
    from gongwen.conf import gongwen_settings
    from gongwen.runtime.deadlines.tasks import fire_due_deadlines

    if delay is None:
        delay = timedelta(seconds=gongwen_settings.DEADLINE_SWEEP_SECONDS)
    fire_due_deadlines.using(run_after=timezone.now() + delay).enqueue(reschedule=True)

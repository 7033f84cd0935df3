"""The sweep: claim due deadlines one at a time and fire each exactly once.

Each deadline is handled in its own transaction. On PostgreSQL the row is locked with
``SELECT … FOR UPDATE SKIP LOCKED`` (a second worker passes over it instead of waiting); on
every database the claim itself is a conditional ``UPDATE`` (``reminded_at``/``settled_at``
still empty) whose row count says who won, committed together with the reminder or the
escalation it fired. SQLite serialises writers, so the conditional update is enough there; a
"database is locked" error just leaves the row for the next sweep (also when the escalation's
nested action reports it, as :class:`~gongwen.errors.Unavailable` caused by it).
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import datetime

from django.db import OperationalError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from gongwen.errors import Unavailable
from gongwen.runtime.deadlines import escalation as fire
from gongwen.runtime.deadlines.models import Deadline
from gongwen.runtime.engine.operations import lock_process_of_task
from gongwen.runtime.models import OPEN_STATUSES

log = logging.getLogger(__name__)

#: Most deadlines one sweep looks at (the next sweep takes the rest).
BATCH_SIZE = 500


def _due(now: datetime) -> Q:
    return Q(settled_at__isnull=True) & (
        Q(due_at__lte=now) | Q(remind_at__lte=now, reminded_at__isnull=True)
    )


def fire_due(now: datetime | None = None, *, limit: int = BATCH_SIZE) -> Counter:
    """Fire every deadline due at ``now`` (default: now); return counts by what happened.

    Keys: ``reminded``, ``escalated``, ``closed`` (the task was already finished), ``skipped``
    (another worker had it, or the database was busy), ``failed`` (an unexpected error, logged;
    nothing of that deadline was written and it is tried again by the next sweep).
    """
    now = now or timezone.now()
    ids = list(
        Deadline.objects.filter(_due(now)).order_by("due_at").values_list("pk", flat=True)[:limit]
    )
    report: Counter = Counter()
    for pk in ids:
        try:
            report[fire_one(pk, now)] += 1
        except Exception as error:  # one broken process must not stop the others' deadlines
            if _busy(error):  # SQLite busy; the row stays due for the next sweep
                log.warning("deadline %s: database busy, left for the next sweep", pk)
                report["skipped"] += 1
            else:
                log.exception("deadline %s could not be fired; it stays due", pk)
                report["failed"] += 1
    return report


def _busy(error: Exception) -> bool:
    """Return whether ``error`` says the database was busy (worth trying again later).

    A nested kernel action (the escalation's auto approve or return) reports it as
    :class:`Unavailable` with the ``OperationalError`` as its cause.
    """
    if isinstance(error, Unavailable):
        return isinstance(error.__cause__, OperationalError)
    return isinstance(error, OperationalError)


def fire_one(pk: int, now: datetime) -> str:
    """Claim deadline ``pk`` and fire what is due, in one transaction; return what happened."""
    with transaction.atomic():
        if not _lock(pk, now):
            return "skipped"
        lock_process_of_task(Deadline.objects.values_list("task_id", flat=True).get(pk=pk))
        deadline = Deadline.objects.select_related("task__process", "task__owner").get(pk=pk)
        task = deadline.task
        if task.status not in OPEN_STATUSES or task.process.finished is not None:
            return "closed" if _claim(pk, now, settled_at=now) else "skipped"
        if deadline.due_at <= now:
            if not _claim(pk, now, settled_at=now, expired_at=now):
                return "skipped"
            done = fire.escalate(task, deadline.escalation)
            log.info("deadline %s of task %s expired: %s", pk, task.pk, done)
            return "escalated"
        if not _claim(pk, now, reminded_at=now, reminder=True):
            return "skipped"
        fire.remind(task, deadline.due_at)
        return "reminded"


def _lock(pk: int, now: datetime) -> bool:
    """Lock the row if it is still due (PostgreSQL: skip it if another worker holds it)."""
    rows = Deadline.objects.filter(_due(now), pk=pk)
    if connection.features.has_select_for_update_skip_locked:
        rows = rows.select_for_update(skip_locked=True)
    return rows.values_list("pk", flat=True).first() is not None


def _claim(pk: int, now: datetime, *, reminder: bool = False, **marks: datetime) -> bool:
    """Mark the row fired unless someone else did first; return whether we did."""
    rows = Deadline.objects.filter(_due(now), pk=pk)
    if reminder:
        rows = rows.filter(reminded_at__isnull=True)
    return rows.update(**marks) == 1

"""Taking an unowned pool task (认领) and putting it back, in viewflow's task statuses."""

from __future__ import annotations

from typing import Any

from django.utils.timezone import now
from viewflow.workflow.status import STATUS

from gongwen.runtime.engine.models import Task


def take(task: Task, user: Any, on_behalf_of: Any = None) -> None:
    """Make ``user`` the owner of the open pool ``task`` (status ``ASSIGNED``)."""
    task.owner = user
    task.on_behalf_of = on_behalf_of
    task.status = STATUS.ASSIGNED
    task.assigned = now()
    task.save(update_fields=["owner", "on_behalf_of", "status", "assigned"])


def put_back(task: Task) -> None:
    """Return the claimed pool ``task`` to its pool: no owner, status ``NEW``."""
    task.owner = None
    task.on_behalf_of = None
    task.status = STATUS.NEW
    task.assigned = None
    task.save(update_fields=["owner", "on_behalf_of", "status", "assigned"])


def is_unowned(task: Task) -> bool:
    """Return whether ``task`` waits in a pool (no owner yet)."""
    return task.owner_id is None and task.status == STATUS.NEW

"""Handing an open task to another person: shared by 转办 (transfer) and admin 改派 (reassign)."""

from __future__ import annotations

from typing import Any

from gongwen.runtime.assignment import with_delegation
from gongwen.runtime.engine.claims import is_unowned, take
from gongwen.runtime.events import record
from gongwen.runtime.models import Task


def hand_over(
    task: Task,
    to: Any,
    *,
    audit_action: str,
    actor: Any,
    opinion: str = "",
    on_behalf_of: Any = None,
) -> None:
    """Give ``task`` to ``to`` (or their delegate in effect) and record who gave it to whom."""
    assignment = with_delegation(to, task.process.definition_key)
    record(
        audit_action,
        process=task.process,
        task=task,
        actor=actor,
        on_behalf_of=on_behalf_of,
        opinion=opinion,
        payload={"from": task.owner_id, "to": assignment.user.pk},
    )
    if is_unowned(task):  # an unclaimed pool task (认领): handing it over claims it
        take(task, assignment.user, assignment.on_behalf_of)
        return
    task.owner = assignment.user
    task.on_behalf_of = assignment.on_behalf_of
    task.save(update_fields=["owner", "on_behalf_of"])

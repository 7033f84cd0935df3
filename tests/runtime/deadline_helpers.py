"""Helpers for deadline tests: flows with a time limit, moving deadlines into the past."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from gongwen.definitions.specs import DeadlineSpec, Escalation
from gongwen.runtime.deadlines.models import Deadline
from gongwen.runtime.models import TraceEntry
from tests.runtime.specs import chain, node


def timed(escalation: str, *, first: str = "wujing", second: str = "hetao") -> Any:
    """Return start → review (``first``) → sign (``second``, 1h, reminder 15 min) → end."""
    limit = DeadlineSpec(
        duration=timedelta(hours=1),
        working_time=False,
        remind_before=timedelta(minutes=15),
        escalation=Escalation(escalation),
    )
    return chain(
        "timed",
        node("review", "approve", {"rule": "user", "username": first}),
        node("sign", "approve", {"rule": "user", "username": second}, deadline=limit),
    )


def make_due(*, remind: bool = False, expire: bool = False, **filters: Any) -> None:
    """Move the reminder and/or due time of the matching deadlines a second into the past."""
    past = timezone.now() - timedelta(seconds=1)
    changes: dict[str, Any] = {}
    if remind:
        changes["remind_at"] = past
    if expire:
        changes["due_at"] = past
    Deadline.objects.filter(**filters).update(**changes)


def actions_of(process: Any, prefix: str = "gongwen.") -> list[str]:
    """Return the process's trace actions starting with ``prefix``, in order."""
    rows = TraceEntry.objects.filter(process=process, action__startswith=prefix).order_by("pk")
    return list(rows.values_list("action", flat=True))

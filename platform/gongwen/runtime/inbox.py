"""Inbox queries: 待办 / 已办 / 待阅 / 我发起 / 草稿, one query each whatever the data.

待办 includes the tasks a user holds through a delegation in effect now (all matters, or the
process's document type); the delegation test is an ``EXISTS`` in the same query. Lists are
newest first with keyset (cursor) paging: pass the last row's ``(timestamp, id)`` as
``before``. The open-task list is served by the partial index ``runtime_task_open_by_owner``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from gongwen.org.models import Delegation
from gongwen.runtime.models import OPEN_STATUSES, Draft, Outcome, Process, ReadItem, Task

Cursor = tuple[datetime, int]
DEFAULT_PAGE = 50


def _page(rows: QuerySet, field: str, before: Cursor | None, limit: int) -> list:
    if before is not None:
        at, pk = before
        rows = rows.filter(Q(**{f"{field}__lt": at}) | Q(**{field: at, "pk__lt": pk}))
    return list(rows.order_by(f"-{field}", "-pk")[:limit])


def _held_through_delegation(user: Any, at: datetime) -> Exists:
    return Exists(
        Delegation.objects.in_effect(at)
        .filter(delegate=user, delegator=OuterRef("owner"))
        .filter(Q(scope="") | Q(scope=OuterRef("process__definition_key")))
    )


def todo(user: Any, *, before: Cursor | None = None, limit: int = DEFAULT_PAGE) -> list[Task]:
    """Return the user's 待办: open tasks they hold or hold for someone who delegated to them."""
    rows = (
        Task.objects.filter(status__in=OPEN_STATUSES, owner__isnull=False)
        .filter(Q(owner=user) | _held_through_delegation(user, timezone.now()))
        .select_related("process", "owner", "on_behalf_of")
    )
    return _page(rows, "created", before, limit)


def done(user: Any, *, before: Cursor | None = None, limit: int = DEFAULT_PAGE) -> list[Task]:
    """Return the user's 已办: tasks they completed (for themselves or on someone's behalf)."""
    rows = (
        Task.objects.filter(completed_by=user, finished__isnull=False)
        .exclude(outcome=Outcome.SKIPPED)
        .select_related("process", "owner", "on_behalf_of")
    )
    return _page(rows, "finished", before, limit)


def to_read(user: Any, *, before: Cursor | None = None, limit: int = DEFAULT_PAGE) -> list:
    """Return the user's 待阅: unread copies handed out by cc nodes."""
    rows = ReadItem.objects.filter(user=user, read_at__isnull=True).select_related("process")
    return _page(rows, "created_at", before, limit)


def started_by(
    user: Any, *, before: Cursor | None = None, limit: int = DEFAULT_PAGE
) -> list[Process]:
    """Return the user's 我发起: processes they started."""
    return _page(Process.objects.filter(initiator=user), "created", before, limit)


def drafts(user: Any, *, before: Cursor | None = None, limit: int = DEFAULT_PAGE) -> list[Draft]:
    """Return the user's 草稿: drafts saved and not yet started, last saved first."""
    return _page(Draft.objects.filter(owner=user), "updated_at", before, limit)


def mark_read(item: ReadItem, user: Any) -> bool:
    """Mark the user's 待阅 item read; return ``False`` if it is not theirs or already read."""
    return bool(
        ReadItem.objects.filter(pk=item.pk, user=user, read_at__isnull=True).update(
            read_at=timezone.now()
        )
    )

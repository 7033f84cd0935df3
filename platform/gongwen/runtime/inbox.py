"""Inbox queries: 待办 / 已办 / 待阅 / 我发起 / 草稿, one query each whatever the data.

待办 is what a person can act on now, from three sources: tasks they own; tasks of people who
delegated to them (委托 in effect now, all matters or the process's document type); and open
认领 pool tasks of a role or post they hold (``gongwen.runtime.pool``). Each source is one
branch, read newest first from its own index and cut to one page; the page is the newest of
their union — a ``UNION ALL`` inside the one query, because an ``OR`` of the three keeps the
planner from walking any index and makes it sort every open task. A person's posts, roles and
delegations are looked up inside that same query, so it stays one query however many they hold.

Lists are newest first with keyset (cursor) paging: pass the last row's ``(timestamp, id)`` as
``before``.

密级: every list keeps only the rows whose process's 密级 the person's clearance reaches
(``gongwen.runtime.secrecy``) — a test on the process row each branch joins anyway, so it stays
one query. Assignment never gives someone work above their clearance; the filter covers work
they held before its 密级 was raised, delegators' tasks, pools and copies to read.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models import BigIntegerField, CharField, Field, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.utils import timezone

from gongwen.org.models import Delegation
from gongwen.runtime.models import OPEN_STATUSES, Draft, Outcome, Process, ReadItem, Task
from gongwen.runtime.pool import (
    anywhere_pool_keys,
    claimable_by,
    post_pool_keys,
    role_pool_keys,
)
from gongwen.runtime.secrecy import cleared_processes

Cursor = tuple[datetime, int]
DEFAULT_PAGE = 50


def _after_cursor(rows: QuerySet, field: str, before: Cursor | None) -> QuerySet:
    if before is None:
        return rows
    at, pk = before
    # The redundant ``<=`` gives the planner an index range to start from.
    return rows.filter(Q(**{f"{field}__lt": at}) | Q(**{field: at, "pk__lt": pk})).filter(
        **{f"{field}__lte": at}
    )


def _page(rows: QuerySet, field: str, before: Cursor | None, limit: int) -> list:
    return list(_after_cursor(rows, field, before).order_by(f"-{field}", "-pk")[:limit])


def _winning_delegate(at: datetime) -> Subquery:
    """Return who acts for the task's owner now in matters of its process's document type.

    The rule of ``gongwen.org.queries.delegate_for``, per row: in effect, an active delegate,
    the document type's own delegation before an all-matters one, then the latest start.
    """
    delegations = (
        Delegation.objects.in_effect(at)
        .filter(delegator=OuterRef("owner"), delegate__is_active=True)
        .filter(Q(scope="") | Q(scope=OuterRef("process__definition_key")))
        .order_by("-scope", "-starts_at", "-pk")
    )
    return Subquery(delegations.values("delegate")[:1])


def _todo_sources(user: Any, at: datetime) -> list[QuerySet]:
    """Return the person-keyed sources of 待办 (own and delegators' tasks), and SQLite's pool.

    On PostgreSQL the pool is read by :func:`_pool_pages` from the person's pool keys instead.
    """
    cleared = cleared_processes(user, "process__")
    open_tasks = Task.objects.filter(cleared, status__in=OPEN_STATUSES)
    delegators = Delegation.objects.in_effect(at).filter(delegate=user).values("delegator")
    sources = [
        open_tasks.filter(owner=user),
        open_tasks.filter(owner__in=delegators)
        .alias(winner=_winning_delegate(at))
        .filter(winner=user.pk),
    ]
    if connection.vendor != "postgresql":
        # Correct, if slower: every open pool task is tested against the person's posts.
        sources.append(Task.objects.filter(claimable_by(user)).filter(cleared))
    return sources


def _key(column: str, field: Field) -> RawSQL:
    """Return the pool key's ``column`` (of :func:`_pool_pages`'s ``pool_key``) to filter by."""
    return RawSQL(f'"pool_key"."{column}"', [], output_field=field)  # noqa: S611 -- our names


def _pool_pages(user: Any, before: Cursor | None, limit: int) -> list[tuple[str, list]]:
    """Return SQL for the newest pool tasks ``user`` may claim, one page per kind of pool key.

    PostgreSQL: for each of the person's keys (``gongwen.runtime.pool``), a ``LATERAL`` top-N
    over the partial index of open, unclaimed pool tasks of that key, so the cost follows the
    person's posts and roles and the page size, not the number of open pool tasks.
    """
    open_pool = Task.objects.filter(
        cleared_processes(user, "process__"), owner__isnull=True, status__in=OPEN_STATUSES
    )
    by_role = open_pool.filter(
        pool_role__isnull=False, pool_role_id=_key("role_id", BigIntegerField())
    )
    pools = [
        (
            role_pool_keys(user),
            by_role.filter(pool_department_id=_key("department_id", BigIntegerField())),
        ),
        (anywhere_pool_keys(user), by_role.filter(pool_department__isnull=True)),
        (
            post_pool_keys(user),
            open_pool.filter(
                pool_role__isnull=True,
                pool_title__gt="",  # the index's condition: an equality does not imply it
                pool_department_id=_key("department_id", BigIntegerField()),
                pool_title=_key("title", CharField()),
            ),
        ),
    ]
    parts = []
    for keys, rows in pools:
        keys_sql, keys_params = keys.query.sql_with_params()
        page = _after_cursor(rows, "created", before).order_by("-created", "-pk")
        page_sql, page_params = page.values("id", "created")[:limit].query.sql_with_params()
        sql = (
            f"SELECT page.id FROM ({keys_sql}) AS pool_key CROSS JOIN LATERAL ({page_sql}) AS page"  # noqa: S608 -- compiled ORM SQL
            " ORDER BY page.created DESC, page.id DESC LIMIT %s"
        )
        parts.append((sql, [*keys_params, *page_params, limit]))
    return parts


def _newest_of_each(
    sources: list[QuerySet], before: Cursor | None, limit: int, pool_pages: list[tuple[str, list]]
) -> RawSQL:
    """Return SQL for the ids of each source's first page after ``before``, unioned."""
    parts, params = [], []
    for n, rows in enumerate(sources):
        page = _after_cursor(rows, "created", before).order_by("-created", "-pk")
        sql, part_params = page.values("pk")[:limit].query.sql_with_params()
        parts.append(f"SELECT * FROM ({sql}) AS source_{n}")  # noqa: S608 -- compiled ORM SQL
        params.extend(part_params)
    for n, (sql, part_params) in enumerate(pool_pages):
        parts.append(f"SELECT * FROM ({sql}) AS pool_{n}")  # noqa: S608 -- compiled ORM SQL
        params.extend(part_params)
    # Only ORM-compiled SQL with its parameters kept separate goes in: nothing user-typed.
    return RawSQL(" UNION ALL ".join(parts), params)  # noqa: S611


def todo(user: Any, *, before: Cursor | None = None, limit: int = DEFAULT_PAGE) -> list[Task]:
    """Return the user's 待办: own tasks, delegators' tasks, and pool tasks they may claim.

    Pool tasks have no owner until claimed (``task.owner is None``).
    """
    if limit < 1:
        return []
    sources = _todo_sources(user, timezone.now())
    pools = _pool_pages(user, before, limit) if connection.vendor == "postgresql" else []
    ids = _newest_of_each(sources, before, limit, pools)
    rows = Task.objects.filter(pk__in=ids).select_related("process", "owner", "on_behalf_of")
    return list(rows.order_by("-created", "-pk")[:limit])


def done(user: Any, *, before: Cursor | None = None, limit: int = DEFAULT_PAGE) -> list[Task]:
    """Return the user's 已办: tasks they completed (for themselves or on someone's behalf)."""
    rows = (
        Task.objects.filter(completed_by=user, finished__isnull=False)
        .filter(cleared_processes(user, "process__"))
        .exclude(outcome=Outcome.SKIPPED)
        .select_related("process", "owner", "on_behalf_of")
    )
    return _page(rows, "finished", before, limit)


def to_read(user: Any, *, before: Cursor | None = None, limit: int = DEFAULT_PAGE) -> list:
    """Return the user's 待阅: unread copies handed out by cc nodes."""
    rows = ReadItem.objects.filter(user=user, read_at__isnull=True)
    rows = rows.filter(cleared_processes(user, "process__")).select_related("process")
    return _page(rows, "created_at", before, limit)


def started_by(
    user: Any, *, before: Cursor | None = None, limit: int = DEFAULT_PAGE
) -> list[Process]:
    """Return the user's 我发起: processes they started."""
    rows = Process.objects.filter(cleared_processes(user), initiator=user)
    return _page(rows, "created", before, limit)


def drafts(user: Any, *, before: Cursor | None = None, limit: int = DEFAULT_PAGE) -> list[Draft]:
    """Return the user's 草稿: drafts saved and not yet started, last saved first."""
    return _page(Draft.objects.filter(owner=user), "updated_at", before, limit)

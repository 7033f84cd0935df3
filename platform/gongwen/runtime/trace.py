"""The trace of a process: its ordered timeline and where it stands now (two queries).

Where it stands: the open person's tasks with who holds them, and unclaimed 认领 pool tasks
with the pool they wait in.

Every trace is read for someone: ``viewer`` is the person whose request reads it, and a viewer
whose clearance is below the process's 密级 is refused (:class:`NotCleared`) before anything is
read. Whether the person participates in the process is the documents layer's question
(``gongwen.documents.access.may_view``), asked by the page before it calls this. Code that
reads a trace for no person (the engine, commands, tests) passes :data:`SYSTEM`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q

from gongwen.runtime.models import OPEN_STATUSES, Process, Task, TraceEntry
from gongwen.runtime.secrecy import require_cleared

#: The viewer of a trace read for no person's request: sees every trace.
SYSTEM = object()


@dataclass(frozen=True)
class TraceRow:
    """One thing that happened: who (for whom) did what at which node, with what opinion."""

    at: datetime
    action: str
    node_id: str
    actor: Any
    on_behalf_of: Any
    opinion: str
    payload: dict
    remote_addr: str = ""  # from where (empty: the system)
    user_agent: str = ""


@dataclass(frozen=True)
class Position:
    """A place the process waits at: an open task and who holds it.

    A task opened for a 认领 pool names it: ``pool_role`` (within ``pool_department``) or
    ``pool_title`` (in ``pool_department``); until claimed it has no ``assignee``.
    """

    node_id: str
    task_id: int
    assignee: Any
    on_behalf_of: Any
    since: datetime
    pool_role: Any = None
    pool_department: Any = None
    pool_title: str = ""


@dataclass(frozen=True)
class Trace:
    """The timeline of a process and its current position(s)."""

    process: Process
    rows: list[TraceRow]
    current: list[Position]


def trace_of(process: Process, viewer: Any) -> Trace:
    """Return the trace of ``process`` as ``viewer`` may see it.

    Args:
        process: the process.
        viewer: the person reading it, or :data:`SYSTEM`.

    Raises:
        NotCleared: ``viewer`` is inactive or below the process's 密级 (nothing is read).
    """
    if viewer is not SYSTEM:
        require_cleared(viewer, process)
    entries = TraceEntry.objects.filter(process=process).select_related("actor", "on_behalf_of")
    rows = [
        TraceRow(
            e.at,
            e.action,
            e.node_id,
            e.actor,
            e.on_behalf_of,
            e.opinion,
            e.payload,
            e.remote_addr,
            e.user_agent,
        )
        for e in entries.order_by("id")
    ]
    held = Q(owner__isnull=False) | Q(pool_role__isnull=False) | Q(pool_title__gt="")
    open_tasks = (
        Task.objects.filter(held, process=process, status__in=OPEN_STATUSES)
        .select_related("owner", "on_behalf_of", "pool_role", "pool_department")
        .order_by("id")
    )
    current = [_position(t) for t in open_tasks]
    return Trace(process=process, rows=rows, current=current)


def _position(task: Task) -> Position:
    since = task.assigned or task.created
    pool = (task.pool_role, task.pool_department, task.pool_title)
    return Position(task.node_id, task.pk, task.owner, task.on_behalf_of, since, *pool)

"""The trace of a process: its ordered timeline and where it stands now (two queries)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from gongwen.runtime.models import OPEN_STATUSES, Process, Task, TraceEntry


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


@dataclass(frozen=True)
class Position:
    """A place the process waits at: an open task and who holds it."""

    node_id: str
    task_id: int
    assignee: Any
    on_behalf_of: Any
    since: datetime


@dataclass(frozen=True)
class Trace:
    """The timeline of a process and its current position(s)."""

    process: Process
    rows: list[TraceRow]
    current: list[Position]


def trace_of(process: Process) -> Trace:
    """Return the trace of ``process``."""
    entries = TraceEntry.objects.filter(process=process).select_related("actor", "on_behalf_of")
    rows = [
        TraceRow(e.at, e.action, e.node_id, e.actor, e.on_behalf_of, e.opinion, e.payload)
        for e in entries.order_by("id")
    ]
    open_tasks = (
        Task.objects.filter(process=process, status__in=OPEN_STATUSES, owner__isnull=False)
        .select_related("owner", "on_behalf_of")
        .order_by("id")
    )
    current = [
        Position(t.node_id, t.pk, t.owner, t.on_behalf_of, t.assigned or t.created)
        for t in open_tasks
    ]
    return Trace(process=process, rows=rows, current=current)

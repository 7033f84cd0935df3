"""Small helpers for runtime tests: start a flow, find tasks, snapshot the runtime tables."""

from __future__ import annotations

from typing import Any

from gongwen.runtime.actions import StartProcess
from gongwen.runtime.models import (
    OPEN_STATUSES,
    Process,
    ReadItem,
    Task,
    TraceEntry,
)


def start(spec: Any, initiator: Any, **options: Any) -> Process:
    """Start ``spec`` as ``initiator`` and return the process."""
    result = StartProcess(spec, initiator, **options).execute()
    return Process.objects.get(pk=result.process_id)


def open_tasks(process: Process) -> list[Task]:
    """Return the open tasks of ``process`` in creation order."""
    return list(Task.objects.filter(process=process, status__in=OPEN_STATUSES).order_by("pk"))


def open_at(process: Process, node_id: str) -> list[Task]:
    """Return the open tasks of ``process`` at ``node_id``."""
    return [t for t in open_tasks(process) if t.node_id == node_id]


def positions(process: Process) -> list[tuple[str, str]]:
    """Return ``(node_id, owner username)`` of every open person's task."""
    return [(t.node_id, t.owner.username) for t in open_tasks(process) if t.owner_id]


def snapshot() -> list:
    """Return every row of the runtime tables (and the audit log), to compare before/after."""
    from gongwen.audit.models import AuditEvent

    models = (Process, Task, TraceEntry, ReadItem, AuditEvent)
    rows = [list(m.objects.order_by("pk").values()) for m in models]
    rows.append(list(Task.previous.through.objects.order_by("pk").values()))
    return rows

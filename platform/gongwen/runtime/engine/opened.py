"""Which tasks an action opened, noted as the engine creates them instead of queried afterwards.

An action wraps its work in :func:`noting_new_tasks`; every task saved for the first time
inside it is noted (``Task.save`` calls :func:`note_saved`). In the common case (the flow
moved on to people's tasks and nothing touched them again) the in-memory rows are the answer
and no query is needed. If anything may have changed a noted task behind the objects' backs
(a bulk cancel, or another instance of the same row saved), :meth:`NewTasks.still_open`
asks the database once.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

_current: ContextVar[NewTasks | None] = ContextVar("gongwen_new_tasks", default=None)


class NewTasks:
    """The tasks created so far in one action, and whether their in-memory state is stale."""

    def __init__(self) -> None:
        self.tasks: dict[int, Any] = {}
        self.stale = False

    def still_open(self, process_id: int | None = None) -> list[Any]:
        """Return the noted people's tasks still open, oldest first (of ``process_id`` if given).

        People's tasks only (approve/handle nodes, 认领 pools included): a waiting join or a
        subflow step is open too, but nobody is to be told about it. Without ``process_id``
        the tasks of every process the action reached count (a subflow's child, a parent going
        on when its child ended).
        """
        from gongwen.runtime.engine.human import HumanTask
        from gongwen.runtime.engine.models import OPEN_STATUSES, Task

        noted = [
            t
            for t in self.tasks.values()
            if isinstance(t.flow_task, HumanTask) and process_id in (None, t.process_id)
        ]
        if not self.stale:
            return [t for t in noted if t.status in OPEN_STATUSES]
        return list(
            Task.objects.filter(pk__in=[t.pk for t in noted], status__in=OPEN_STATUSES)
            .select_related("process")
            .order_by("pk")
        )


@contextmanager
def noting_new_tasks() -> Iterator[NewTasks]:
    """Note the tasks created inside the ``with`` block (nested blocks share the outer one)."""
    outer = _current.get()
    if outer is not None:
        yield outer
        return
    noted = NewTasks()
    token = _current.set(noted)
    try:
        yield noted
    finally:
        _current.reset(token)


def note_saved(task: Any, *, created: bool) -> None:
    """Note a first save; mark the notes stale when another copy of a noted row is saved."""
    noted = _current.get()
    if noted is None:
        return
    if created:
        noted.tasks[task.pk] = task
    elif noted.tasks.get(task.pk, task) is not task:
        noted.stale = True


def note_bulk_change() -> None:
    """Mark the notes stale: a bulk update may have changed noted tasks in the database."""
    noted = _current.get()
    if noted is not None and noted.tasks:
        noted.stale = True

"""Open one more person's task in an existing batch: 加签, the next of a 依次 queue, 撤回."""

from __future__ import annotations

from typing import Any

from django.utils.timezone import now
from viewflow.workflow.status import STATUS

from gongwen.runtime.engine.models import Task


def open_in_batch(
    beside: Task, owner_id: int, on_behalf_of_id: int | None, data: dict[str, Any], *, link=True
) -> Task:
    """Open a task at ``beside``'s node, token and batch for ``owner_id``; return it.

    ``link`` records ``beside`` as the task it came from (viewflow's ``previous``), which is
    what 撤回 looks at to tell whether the next person has acted.
    """
    task = Task(
        process_id=beside.process_id,
        flow_task=beside.flow_task,
        token=beside.token,
        batch=beside.batch,
        owner_id=owner_id,
        on_behalf_of_id=on_behalf_of_id,
        status=STATUS.ASSIGNED,
        assigned=now(),
        data=data,
    )
    task.save()
    if link:
        task.previous.add(beside)
    return task

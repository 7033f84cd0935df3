"""前加签 (add signers *before* oneself): the added people act first, then it comes back.

The adder's task is set aside (cancelled, outcome ``superseded``) and each added person's task
remembers it in ``data["before_of"]``. When the last of them has approved,
:func:`hand_back_to_adder` opens a fresh copy of the adder's task in the same batch; the node
then moves on when the adder approves (the batch is a 加签 batch: everyone must approve).
"""

from __future__ import annotations

from typing import Any

from gongwen.runtime.engine.models import OPEN_STATUSES, Outcome, Task
from gongwen.runtime.engine.sequence import follow_what_led_to


def add_before(task: Task, assignments: list) -> list[Task]:
    """Add one task per assignment that acts before ``task``; set ``task`` aside."""
    from gongwen.runtime.engine.operations import add_to_batch, cancel_tasks

    added = add_to_batch(task, assignments)
    for new in added:
        new.data = {**new.data, "before_of": task.pk}
        follow_what_led_to(new, task)  # withdrawing the step before takes them back too
    Task.objects.bulk_update(added, ["data"])
    cancel_tasks(Task.objects.filter(pk=task.pk), Outcome.SUPERSEDED)
    return added


def hand_back_to_adder(task: Any) -> bool:
    """After ``task`` (added before someone) was closed: reopen the adder's task if it is time.

    Returns whether the node must wait (others added before the same adder still act, or the
    adder's task was just reopened).
    """
    from gongwen.runtime.engine.operations import reopen_task

    adder_pk = task.data.get("before_of")
    if not adder_pk:
        return False
    siblings = task.flow_task.batch_tasks(task).filter(status__in=OPEN_STATUSES)
    if siblings.filter(data__before_of=adder_pk).exists():
        return True
    adder = reopen_task(Task.objects.get(pk=adder_pk))
    # The adder's turn follows from the added people's approvals: 撤回 by one of them takes
    # it back (else the adder held two tasks once the withdrawn person approved again).
    added = task.flow_task.batch_tasks(task).filter(status="DONE", data__before_of=adder_pk)
    adder.previous.add(*added)
    return True

"""依次 (sequential) nodes: the queue of people still to come, and 加签 within it.

A sequential node keeps one task open at a time. The people still to come are the open task's
``data["queue"]`` (``[[user_id, on_behalf_of_id], …]``); when it is approved, the next
person's task opens with the rest of the queue. 加签 on such a node rewrites the queue:

* 前加签 (:func:`add_before`) — the adder's task is set aside and the added people take the
  front of the queue, followed by the adder again, then the rest.
* 后加签 (:func:`add_after`) — the added people go to the front of the queue; the adder then
  approves as usual.
* 并加签 (:func:`add_alongside`) — the added people's tasks open now, next to the adder's: a
  *group* (``data["signs_with"]``, the adder's task id) holding the rest of the queue
  (``data["held_queue"]``). The sequence goes on when the last of the group has approved.

撤回 follows ``Task.previous``: the added people stand at the adder's place (they follow what
led to the adder's task), and the next person after a group follows every member of it.
"""

from __future__ import annotations

from typing import Any

from viewflow.workflow.status import STATUS

from gongwen.runtime.engine.batches import open_in_batch
from gongwen.runtime.engine.human import WITHDRAWN_MARK
from gongwen.runtime.engine.models import OPEN_STATUSES, Outcome, Task

#: Keys of ``task.data`` that describe one person's task and must not pass to the next one.
PERSONAL_KEYS = frozenset(
    {
        "queue",
        "held_queue",
        "signs_with",
        "added",
        "has_added",
        "before_of",
        "delegated_by",
        WITHDRAWN_MARK,
    }
)


def queue_of(task: Task) -> list[list[Any]]:
    """Return the people after ``task`` (``[[user_id, on_behalf_of_id], …]``)."""
    if "signs_with" in task.data:
        return list(task.data.get("held_queue") or [])
    return list(task.data.get("queue") or [])


def queued_user_ids(task: Task) -> set[int]:
    """Return the ids of the people waiting for their turn after ``task``."""
    return {user_id for user_id, _principal in queue_of(task)}


def in_group(task: Task) -> bool:
    """Return whether ``task`` signs alongside others (并加签 on a sequential node)."""
    return "signs_with" in task.data


def continue_sequence(task: Task) -> Any:
    """After ``task`` was approved, open whoever comes next; return a ``Decision`` or ``None``.

    ``WAITING``: others of its 并加签 group still have to approve. ``NEXT_IN_SEQUENCE``: the next
    person's task is open. ``None``: nobody is left, the node decides as usual.
    """
    from gongwen.runtime.engine.operations import Decision

    group = task.data.get("signs_with")
    mates = task.flow_task.batch_tasks(task).filter(data__signs_with=group)
    if group is not None and mates.filter(status__in=OPEN_STATUSES).exists():
        return Decision.WAITING
    queue = queue_of(task)
    if not queue:
        return None
    following = open_next(task, queue)
    if group is not None:
        # Whoever of the group approved may withdraw while the next person has not acted.
        following.previous.add(*mates.filter(status=STATUS.DONE).exclude(pk=task.pk))
    return Decision.NEXT_IN_SEQUENCE


def open_next(task: Task, queue: list[list[Any]]) -> Task:
    """Open a task for the first of ``queue`` after ``task``, carrying the rest of the queue."""
    (user_id, principal_id), *rest = queue
    data = {k: v for k, v in task.data.items() if k not in PERSONAL_KEYS}
    return open_in_batch(task, user_id, principal_id, {**data, "queue": rest})


def _entries(assignments: list) -> list[list[Any]]:
    return [[a.user.pk, a.on_behalf_of_id] for a in assignments]


def add_before(task: Task, assignments: list) -> list[Task]:
    """前加签: set ``task`` aside; the added act in order, then its holder, then the rest."""
    from gongwen.runtime.engine.operations import cancel_tasks

    adder = [[task.owner_id, task.on_behalf_of_id]]
    queue = _entries(assignments) + adder + queue_of(task)
    cancel_tasks(Task.objects.filter(pk=task.pk), Outcome.SUPERSEDED)
    first = open_next(task, queue)
    follow_what_led_to(first, task)
    return [first]


def add_after(task: Task, assignments: list) -> None:
    """后加签: put the added people at the front of the queue (the adder approves next)."""
    task.data = {**task.data, "queue": _entries(assignments) + queue_of(task)}
    task.save(update_fields=["data"])


def add_alongside(task: Task, assignments: list) -> list[Task]:
    """并加签: open the added people's tasks now; the sequence waits for the whole group."""
    group = task.data.get("signs_with", task.pk)
    held = queue_of(task)
    task.data = {
        **{k: v for k, v in task.data.items() if k != "queue"},
        "signs_with": group,
        "held_queue": held,
    }
    task.save(update_fields=["data"])
    data = {"added": True, "signs_with": group, "held_queue": held}
    added = [
        open_in_batch(task, a.user.pk, a.on_behalf_of_id, dict(data), link=False)
        for a in assignments
    ]
    for new in added:
        follow_what_led_to(new, task)
    return added


def follow_what_led_to(new: Task, task: Task) -> None:
    """Link ``new`` to the tasks that led to ``task``: it stands at ``task``'s place.

    So withdrawing the step before takes it back too (撤回 follows these links), while
    withdrawing ``task`` itself leaves it alone.
    """
    new.previous.add(*task.previous.all())

"""Handing an open task to another person: shared by 转办 (transfer) and admin 改派 (reassign).

Also who already has a part in a step (:func:`step_holders`), which the one receiver guard
(:func:`gongwen.runtime.actions.base.guard_receiver`) asks for 转办, 委托, 加签 and 改派.
"""

from __future__ import annotations

from typing import Any

from gongwen.definitions.specs import ApprovalMode
from gongwen.runtime.assignment import Assignment, with_delegation
from gongwen.runtime.engine.claims import is_unowned, take
from gongwen.runtime.engine.operations import WITHDRAWN_MARK, node_spec
from gongwen.runtime.engine.sequence import queue_of
from gongwen.runtime.events import record
from gongwen.runtime.models import OPEN_STATUSES, Outcome, Task
from gongwen.runtime.secrecy import is_cleared


def holds_step(task: Task, user_id: int) -> bool:
    """Return whether ``user_id`` already holds (or waits for) another task of ``task``'s node.

    One person, one task per node reached (as the engine assigns, and as 加签 requires): a
    转办, 委托, 加签 or 改派 to someone signing the same 会签 would let them sign twice.
    """
    return user_id in step_holders(task)


def step_holders(task: Task) -> set[int]:
    """Return the ids of the people who hold, or are due, a task of ``task``'s step.

    Open tasks of its batch but ``task`` itself count for their holder and for whom they are
    held (委托: the delegate decides for the principal). On a 依次 node, waiting in its queue
    counts too; elsewhere, having approved already (a 撤回 would give them their task back
    beside this one) and waiting for those one added before oneself.
    """
    if task.batch is None:
        return set()
    batch = Task.objects.filter(process_id=task.process_id, batch=task.batch)
    held = batch.filter(status__in=OPEN_STATUSES).exclude(pk=task.pk)
    found = {pk for pair in held.values_list("owner_id", "on_behalf_of_id") for pk in pair}
    if node_spec(task).mode == ApprovalMode.SEQUENTIAL:
        found |= {pk for pair in queue_of(task) for pk in pair}
    else:
        found |= standing_approvers(task) | waiting_adders(task)
    found.discard(None)
    return found


def waiting_adders(task: Task) -> set[int]:
    """Return the ids of the people whose task comes back after those they added before them."""
    open_batch = Task.objects.filter(
        process_id=task.process_id, batch=task.batch, status__in=OPEN_STATUSES
    )
    adders = {data.get("before_of") for data in open_batch.values_list("data", flat=True)}
    adders.discard(None)
    if not adders:
        return set()
    pairs = Task.objects.filter(pk__in=adders).values_list("owner_id", "on_behalf_of_id")
    return {pk for pair in pairs for pk in pair if pk is not None}


def standing_approvers(task: Task) -> set[int]:
    """Return the ids of the people whose approval in ``task``'s batch stands (not withdrawn).

    An approval given on someone's behalf (委托) stands for both of them.
    """
    done = Task.objects.filter(
        process_id=task.process_id, batch=task.batch, status="DONE", outcome=Outcome.APPROVED
    )
    rows = done.values_list("owner_id", "on_behalf_of_id", "data")
    found = {pk for *pair, data in rows if not (data or {}).get(WITHDRAWN_MARK) for pk in pair}
    found.discard(None)
    return found


def receiving(person: Any, task: Task) -> Assignment:
    """Return who receives ``task``'s step handed to ``person``: their delegate, if any.

    As in assignment, a delegate (委托) in effect stands in only if cleared for the process's
    密级; otherwise ``person`` keeps it.
    """
    assignment = with_delegation(person, task.process.definition_key)
    if assignment.on_behalf_of is not None and not is_cleared(assignment.user, task.process):
        return Assignment(person)
    return assignment


def hand_over(
    task: Task,
    to: Any,
    *,
    audit_action: str,
    actor: Any,
    opinion: str = "",
    on_behalf_of: Any = None,
) -> None:
    """Give ``task`` to ``to`` (or their delegate in effect) and record who gave it to whom."""
    assignment = receiving(to, task)
    record(
        audit_action,
        process=task.process,
        task=task,
        actor=actor,
        on_behalf_of=on_behalf_of,
        opinion=opinion,
        payload={"from": task.owner_id, "to": assignment.user.pk},
    )
    if is_unowned(task):  # an unclaimed pool task (认领): handing it over claims it
        take(task, assignment.user, assignment.on_behalf_of)
        return
    task.owner = assignment.user
    task.on_behalf_of = assignment.on_behalf_of
    task.save(update_fields=["owner", "on_behalf_of"])

"""Handing an open task to another person: shared by 转办 (transfer) and admin 改派 (reassign)."""

from __future__ import annotations

from typing import Any

from gongwen.definitions.specs import ApprovalMode
from gongwen.runtime.assignment import with_delegation
from gongwen.runtime.engine.claims import is_unowned, take
from gongwen.runtime.engine.operations import WITHDRAWN_MARK, node_spec
from gongwen.runtime.engine.sequence import queued_user_ids
from gongwen.runtime.events import record
from gongwen.runtime.models import OPEN_STATUSES, Outcome, Task


def holds_step(task: Task, user_id: int) -> bool:
    """Return whether ``user_id`` already holds another open task of ``task``'s node.

    One person, one task per node reached (as the engine assigns, and as 加签 requires): a
    转办 or 委托 to someone signing the same 会签 would let them sign twice. On a 依次 node,
    waiting in its queue counts too; elsewhere, having approved already (a 撤回 would give them
    their task back beside this one).
    """
    if task.batch is None:
        return False
    batch = Task.objects.filter(process_id=task.process_id, batch=task.batch)
    if batch.filter(status__in=OPEN_STATUSES, owner_id=user_id).exclude(pk=task.pk).exists():
        return True
    if node_spec(task).mode == ApprovalMode.SEQUENTIAL:
        return user_id in queued_user_ids(task)
    return user_id in standing_approvers(task) | waiting_adders(task)


def waiting_adders(task: Task) -> set[int]:
    """Return the ids of the people whose task comes back after those they added before them."""
    open_batch = Task.objects.filter(
        process_id=task.process_id, batch=task.batch, status__in=OPEN_STATUSES
    )
    adders = {data.get("before_of") for data in open_batch.values_list("data", flat=True)}
    adders.discard(None)
    if not adders:
        return set()
    return set(Task.objects.filter(pk__in=adders).values_list("owner_id", flat=True))


def standing_approvers(task: Task) -> set[int]:
    """Return the ids of the people whose approval in ``task``'s batch stands (not withdrawn)."""
    done = Task.objects.filter(
        process_id=task.process_id, batch=task.batch, status="DONE", outcome=Outcome.APPROVED
    )
    return {
        owner_id
        for owner_id, data in done.values_list("owner_id", "data")
        if not (data or {}).get(WITHDRAWN_MARK)
    }


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
    assignment = with_delegation(to, task.process.definition_key)
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

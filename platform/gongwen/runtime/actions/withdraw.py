"""撤回: take back one's own completed step while the next person has not acted.

Follows what the completed task led to through automatic steps and gateways; if any person's
task among them is done, the withdrawal is refused with :class:`Conflict` and nothing changes.
Otherwise the open tasks are cancelled and the withdrawer's task is open again.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongwen.kernel.actions import register
from gongwen.kernel.events import publish
from gongwen.runtime.actions.base import ActionResult, LockedTaskAction, is_person
from gongwen.runtime.domain_events import WorkWithdrawn
from gongwen.runtime.engine.operations import (
    RESUBMIT_NODE,
    WITHDRAWN_MARK,
    cancel_tasks,
    is_human,
    reopen_node,
    reopen_task,
    token_of,
)
from gongwen.runtime.events import record
from gongwen.runtime.exceptions import Conflict, NotPermitted
from gongwen.runtime.models import OPEN_STATUSES, Outcome, Task, TraceEntry
from gongwen.runtime.secrecy import require_cleared

NEXT_ACTED = _("The next person has already acted; this step can no longer be withdrawn.")
SENT_BACK = _("The work has been sent back since; this step can no longer be withdrawn.")
#: Moves that send a process's work backwards (or elsewhere): after one of them, the path a
#: finished step led down is gone, and reopening the step would revive it beside the new one.
SENDING_BACK = ("gongwen.task.return", "gongwen.task.auto_return", "gongwen.admin.jump")
#: How far to follow automatic steps after the withdrawn task.
MAX_DEPTH = 50


@register
class Withdraw(LockedTaskAction):
    """Withdraw ``task`` (one the actor completed)."""

    code = "withdraw"
    audit_action = "gongwen.task.withdraw"

    def __init__(self, task: Task | int, actor: Any) -> None:
        super().__init__(task, actor)
        self.to_cancel: list[int] = []

    def validate(self, task: Task) -> None:
        """Check the actor completed the task and nobody has acted on what followed."""
        if not is_person(self.actor) or task.completed_by_id != self.actor.pk:
            raise NotPermitted()
        if task.status != "DONE" or task.outcome not in (Outcome.APPROVED, Outcome.COMPLETED):
            raise Conflict()
        if task.process.finished is not None:
            raise Conflict(NEXT_ACTED)
        # The step comes back to the withdrawer: not to someone below the process's 密级.
        require_cleared(self.actor, task.process)
        offered = task.flow_task.spec.actions
        if is_human(task) and offered and self.code not in offered:
            raise NotPermitted(_("This step does not allow that action."))
        if _sent_back_since(task):
            raise Conflict(SENT_BACK)
        self.to_cancel = _open_followers(task)

    def apply(self, task: Task) -> ActionResult:
        """Cancel the open followers, reopen the step for the actor, record it."""
        record(
            self.audit_action,
            process=task.process,
            task=task,
            actor=self.actor,
            on_behalf_of=task.on_behalf_of,
        )
        cancel_tasks(Task.objects.filter(pk__in=self.to_cancel), Outcome.WITHDRAWN)
        if is_human(task):
            opened = [reopen_task(task)]
            # The approval no longer stands (the copy votes now): a ratio node must not count it.
            task.data = {**task.data, WITHDRAWN_MARK: True}
            task.save(update_fields=["data"])
        else:  # the start task: the initiator gets a 修改后重新提交 task
            opened = reopen_node(
                task, RESUBMIT_NODE, token=token_of(task), assign_to=[[self.actor.pk, None]]
            )
        publish(WorkWithdrawn(task.process, (task.node_id,), self.actor, self.audit_action))
        return ActionResult(task.process_id, [t.pk for t in opened], "withdrawn")


def _sent_back_since(task: Task) -> bool:
    """Return whether a 退回 or 跳转 since ``task`` was completed took away what it led to.

    One query when nothing was sent back since (the usual case). Otherwise: whether a task on
    the path ``task`` led down was superseded — a jump that moved only another branch, say,
    leaves this step withdrawable.
    """
    sent_back = TraceEntry.objects.filter(
        process_id=task.process_id, action__in=SENDING_BACK, at__gte=task.finished
    )
    if not sent_back.exists():
        return False
    following = [
        *Task.objects.filter(previous=task),
        *_leading_out_of_batch(task),
        *_mates_closed_since(task),
    ]
    for _depth in range(MAX_DEPTH):
        if any(t.outcome == Outcome.SUPERSEDED for t in following):
            return True
        frontier = [t for t in following if t.status != "CANCELED"]
        if not frontier:
            return False
        following = list(Task.objects.filter(previous__in=frontier).distinct())
    return True


def _mates_closed_since(task: Task) -> list[Task]:
    """Return the members of ``task``'s batch a 退回 or 跳转 took away after ``task`` was done.

    A node still waiting for others (会签, people added after, …) leads nowhere yet: the path
    ``task`` led down goes on through them, so cancelling them took it away. Not a task 前加签
    set aside: it comes back once those added before it have approved.
    """
    if task.batch is None or not is_human(task):
        return []
    mates = Task.objects.filter(process_id=task.process_id, batch=task.batch)
    set_aside = {data.get("before_of") for data in mates.values_list("data", flat=True)}
    closed = mates.filter(outcome=Outcome.SUPERSEDED, finished__gt=task.finished)
    return [mate for mate in closed.exclude(pk=task.pk) if mate.pk not in set_aside]


def _open_followers(task: Task) -> list[int]:
    """Return the open tasks ``task`` led to; raise :class:`Conflict` if a person acted.

    What the node did after ``task`` counts too: in a 会签 (or ratio) node the last approval
    moves the flow on, so the steps after the node follow *that* task; withdrawing an earlier
    vote takes the node's decision back with it (or is refused once someone after it acted).
    """
    open_ids: list[int] = []
    frontier = [task]
    following = _leading_out_of_batch(task)
    for _depth in range(MAX_DEPTH):
        if frontier:
            following += list(
                Task.objects.filter(previous__in=frontier).exclude(status="CANCELED").distinct()
            )
        if not following:
            return open_ids
        frontier = []
        for follower in following:
            acted = follower.status == "DONE" and follower.outcome != Outcome.SKIPPED
            if is_human(follower) and acted:
                raise Conflict(NEXT_ACTED)
            if follower.status in OPEN_STATUSES:
                open_ids.append(follower.pk)
            else:
                frontier.append(follower)
        following = []
    raise Conflict(NEXT_ACTED)


def _leading_out_of_batch(task: Task) -> list[Task]:
    """Return the tasks the other finished members of ``task``'s batch led to outside it.

    Inside the batch they lead to one another (依次: the next person's turn), which is the
    node's own business, not a step after it. A member returned the node's work (退回): the
    batch is over and the approval with it — nothing to take back.
    """
    if task.batch is None or not is_human(task):
        return []
    mates = Task.objects.filter(process_id=task.process_id, batch=task.batch, status="DONE")
    mates = list(mates.exclude(pk=task.pk))
    if any(mate.outcome == Outcome.RETURNED for mate in mates):
        raise Conflict(NEXT_ACTED)
    following = Task.objects.filter(previous__in=mates).exclude(status="CANCELED")
    return list(following.exclude(batch=task.batch).distinct())

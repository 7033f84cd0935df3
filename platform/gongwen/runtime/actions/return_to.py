"""退回: send the work back to an earlier step the definition allows.

The target must be listed in the node's ``return_targets`` (``"*"``: any earlier human step)
and must have been done in this process by a person (or be the start): gateways, splits,
joins and cc steps ran too, but nobody did them, so there is nobody to return to. The
target's tasks go to whoever decided it last time: the one person of a 单签 / 或签 step, every
signer whose vote stood of a 会签 / ratio / 依次 step (in the order they acted).
Returning to the start node opens a 修改后重新提交 task for the initiator. Within a parallel
split, returning stays inside the branch or leaves the whole split region (cancelling every
branch); returning into another branch is refused.
"""

from __future__ import annotations

from typing import Any

from gongwen.definitions.specs import ApprovalMode, NodeType
from gongwen.kernel.actions import register
from gongwen.kernel.events import publish
from gongwen.org.models import User
from gongwen.runtime.actions.base import ActionResult, TaskAction
from gongwen.runtime.domain_events import WorkReturned
from gongwen.runtime.engine.operations import (
    RESUBMIT_NODE,
    WITHDRAWN_MARK,
    cancel_tasks,
    close_task,
    is_human,
    open_tasks_in_scope,
    reopen_node,
    token_of,
)
from gongwen.runtime.events import record
from gongwen.runtime.exceptions import InvalidTarget
from gongwen.runtime.models import Outcome, Task
from gongwen.runtime.secrecy import NotCleared


@register
class ReturnTo(TaskAction):
    """Return the task's work to node ``target``."""

    code = "return_to"
    audit_action = "gongwen.task.return"

    def __init__(self, task: Any, actor: Any, *, target: str, opinion: str = "") -> None:
        super().__init__(task, actor, opinion=opinion)
        self.target = target
        self.earlier: Task | None = None

    def validate(self, task: Task) -> None:
        """Check as every task action does, and that the target is allowed and reachable."""
        super().validate(task)
        spec = task.flow_task.spec
        if not isinstance(self.target, str):
            raise InvalidTarget(target=repr(self.target)[:40], pointer="/target")
        allowed = "*" in spec.return_targets or self.target in spec.return_targets
        if not allowed or self.target == task.node_id:
            raise InvalidTarget(target=self.target, pointer="/target")
        self.earlier = (
            Task.objects.filter(process_id=task.process_id, node_id=self.target, status="DONE")
            .exclude(outcome=Outcome.SKIPPED)
            .order_by("-pk")
            .first()
        )
        earlier = self.earlier
        if earlier is None or not _returnable(earlier) or _scope(task, earlier) is None:
            raise InvalidTarget(target=self.target, pointer="/target")
        if not _any_cleared(_deciders(earlier), task.process):
            # Reopening it would find nobody to give it to (assignment passes over people
            # below the 密级): refused here, so check() says what execute() would find.
            raise NotCleared(pointer="/target")

    def apply(self, task: Task) -> ActionResult:
        """Close this task as returned, cancel what is open in scope, reopen the target."""
        earlier = self.earlier
        record(
            self.audit_action,
            process=task.process,
            task=task,
            actor=self.actor,
            on_behalf_of=self.on_behalf_of,
            opinion=self.opinion,
            payload={"target": self.target},
        )
        close_task(task, self.actor, Outcome.RETURNED)
        exact, prefix = _scope(task, earlier)
        cancel_tasks(open_tasks_in_scope(task.process, exact, prefix), Outcome.SUPERSEDED)
        is_start = earlier.flow_task.spec.type == "start"
        node_id = RESUBMIT_NODE if is_start else self.target
        opened = reopen_node(task, node_id, token=token_of(earlier), assign_to=_deciders(earlier))
        publish(WorkReturned(task.process, (self.target,), self.actor, self.audit_action))
        return ActionResult(task.process_id, [t.pk for t in opened], "returned")


def _deciders(earlier: Task) -> list[list[int | None]]:
    """Return ``[[user_id, on_behalf_of_id], …]``: who decided ``earlier``'s node last time.

    One person for the start and a 单签 / 或签 step (whoever decided it); everyone whose vote
    stood, in the order they acted, where the decision took them all — 会签, ratio, 依次, or
    a step with 加签 people (marked ``added`` / ``has_added``).
    """
    alone = [[earlier.owner_id, earlier.on_behalf_of_id]]
    if not is_human(earlier) or earlier.batch is None:
        return alone
    marks = earlier.data
    if earlier.flow_task.spec.mode in (ApprovalMode.SINGLE, ApprovalMode.ANY) and not (
        marks.get("added") or marks.get("has_added")
    ):
        return alone
    done = Task.objects.filter(process_id=earlier.process_id, batch=earlier.batch, status="DONE")
    people: dict[int, int | None] = {}
    for mate in done.exclude(owner=None).order_by("pk"):
        if not mate.data.get(WITHDRAWN_MARK):
            people.setdefault(mate.owner_id, mate.on_behalf_of_id)
    return [[user, principal] for user, principal in people.items()] or alone


def _any_cleared(deciders: list[list[int | None]], process: Any) -> bool:
    """Return whether one of ``deciders`` (``[[user_id, on_behalf_of_id], …]``) is cleared."""
    ids = [user_id for user_id, _principal in deciders]
    return User.objects.filter(pk__in=ids, clearance__gte=process.secrecy).exists()


def _returnable(earlier: Task) -> bool:
    """Return whether 退回 may go back to ``earlier``: a person's step, or the start."""
    if is_human(earlier):
        return True
    spec = getattr(earlier.flow_task, "spec", None)  # splits and joins have none
    return spec is not None and spec.type == NodeType.START


def _scope(task: Task, earlier: Task) -> tuple[str, str] | None:
    """Return ``(token, prefix)`` of the open tasks a return cancels, ``None`` if not allowed.

    Same token: the same branch (or no split at all). The earlier token a prefix of ours: we
    are inside a split region that started after the target, so every branch of it goes.
    """
    here, there = token_of(task), token_of(earlier)
    if here == there:
        return there, ""
    if here.startswith(there + "/"):
        return there, there + "/"
    return None

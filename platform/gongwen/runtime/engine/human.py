"""Human task nodes (approve, handle): one task per assignee, decided by the approval mode.

A node with several assignees creates one task per person in one *batch* (a UUID). Completing a
task asks the node whether the batch is decided (:meth:`HumanTask.batch_decided`); only then
does the flow move on and the batch's leftover tasks get cancelled. 依次 (sequential) keeps the
people still to come in the task's data and opens the next person's task when one approves.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.utils.timezone import now
from viewflow.workflow.activation import Activation
from viewflow.workflow.base import Node
from viewflow.workflow.nodes import mixins
from viewflow.workflow.status import STATUS

from gongwen.definitions.specs import ApprovalMode, NodeSpec
from gongwen.runtime.engine.models import OPEN_STATUSES, Outcome

#: ``task.data`` key of a finished task whose holder withdrew it (撤回): a copy replaced it.
WITHDRAWN_MARK = "withdrawn"


def _is_skipped(activation: Activation) -> bool:
    return activation.task.outcome == Outcome.SKIPPED


class HumanActivation(mixins.NextNodeActivationMixin, Activation):
    """Create tasks for the planned assignees; finish them through actions."""

    @classmethod
    def create(cls, flow_task, prev_activation, token, data=None, seed=None):
        """Create this node's tasks (or one skipped task) and return the first activation."""
        from gongwen.runtime.assignment import plan_assignments

        process = prev_activation.process
        data = dict(data or {})
        explicit = data.pop("assign_to", None)
        pool = None if explicit else _pool_of(flow_task.spec, process, prev_activation.task)
        if pool is not None:  # 认领: one unowned task the pool's members can claim
            return cls(_pool_task(flow_task, process, token, data, prev_activation.task, pool))
        plan = plan_assignments(flow_task.spec, process, prev_activation.task, explicit)
        if plan.skip_reason:
            task = _new_task(flow_task, process, token, data, batch=None)
            task.outcome = Outcome.SKIPPED
            task.data["skip_reason"] = plan.skip_reason
            task.save()
            task.previous.add(prev_activation.task)
            _record_skip(task, process, plan.skip_reason)
            return cls(task)
        batch = uuid.uuid4()
        people = plan.assignees
        if flow_task.spec.mode == ApprovalMode.SEQUENTIAL:
            data["queue"] = [[a.user.pk, a.on_behalf_of_id] for a in people[1:]]
            people = people[:1]
        if len(people) == 1:  # nobody to cancel once it is decided (see complete_task)
            data["alone"] = True
        tasks = [_assigned_task(flow_task, process, token, data, batch, a) for a in people]
        for task in tasks:
            task.previous.add(prev_activation.task)
        return cls(tasks[0])

    @Activation.status.super()
    def activate(self) -> None:
        """Do nothing: a person acts (a skipped task completes right away)."""

    @Activation.status.transition(source=STATUS.NEW, target=STATUS.DONE, conditions=[_is_skipped])
    def complete(self) -> None:
        """Complete a skipped task as the engine passes over it."""
        super().complete.original()

    @Activation.status.transition(source=STATUS.ASSIGNED, target=STATUS.DONE)
    def finish(self, actor: Any, outcome: str) -> None:
        """Record that ``actor`` finished this task with ``outcome``."""
        self.task.completed_by = actor
        self.task.outcome = outcome
        self.task.finished = now()
        self.task.save(update_fields=["status", "completed_by", "outcome", "finished"])

    @Activation.status.transition(source=[STATUS.NEW, STATUS.ASSIGNED], target=STATUS.CANCELED)
    def cancel(self) -> None:
        """Cancel an open task (leftover of a decided batch, or a jump away from it)."""
        self.task.finished = now()
        self.task.save(update_fields=["status", "finished"])


def _record_skip(task: Any, process: Any, reason: str) -> None:
    from gongwen.runtime.events import record

    record("gongwen.node.skip", process=process, task=task, payload={"reason": reason})


def _pool_of(node: NodeSpec, process: Any, previous: Any) -> Any:
    from gongwen.runtime.pool import pool_for

    return pool_for(node, process, previous) if node.claim else None


def _pool_task(flow_task, process, token, data, previous, pool):
    task = _new_task(flow_task, process, token, data, batch=uuid.uuid4())
    pool.stamp(task)
    task.save()
    task.previous.add(previous)
    return task


def _new_task(flow_task, process, token, data, *, batch):
    task = flow_task.flow_class.task_class(
        process=process, flow_task=flow_task, token=token, batch=batch
    )
    task.data = dict(data)
    return task


def _assigned_task(flow_task, process, token, data, batch, assignment):
    task = _new_task(flow_task, process, token, data, batch=batch)
    task.owner = assignment.user
    task.on_behalf_of = assignment.on_behalf_of
    task.status = STATUS.ASSIGNED
    task.assigned = now()
    task.save()
    return task


class HumanTask(mixins.NextNodeMixin, Node):
    """An approve or handle node of a generated flow."""

    activation_class = HumanActivation
    task_type = "HUMAN"
    bpmn_element = "userTask"
    shape = {"width": 150, "height": 100, "svg": '<rect class="task" width="150" height="100"/>'}

    def __init__(self, spec: NodeSpec, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.spec = spec

    def batch_tasks(self, task: Any) -> Any:
        """Return the tasks of ``task``'s batch."""
        return self.flow_class.task_class._default_manager.filter(
            process_id=task.process_id, batch=task.batch
        )

    def batch_decided(self, task: Any) -> bool:
        """Return whether the batch ``task`` belongs to has decided (after ``task`` approved)."""
        mode = self.spec.mode
        if task.data.get("added") or task.data.get("has_added"):
            # 加签: the added signers and whoever added them must all approve.
            return not self.batch_tasks(task).filter(status__in=OPEN_STATUSES).exists()
        if mode in (ApprovalMode.SINGLE, ApprovalMode.ANY):
            return True
        if mode == ApprovalMode.SEQUENTIAL:
            return not task.data.get("queue")
        if mode == ApprovalMode.ALL:
            return not self.batch_tasks(task).filter(status__in=OPEN_STATUSES).exists()
        votes = self.votes(task)
        approved = sum(1 for _, outcome in votes if outcome == Outcome.APPROVED)
        still_open = sum(1 for status, _ in votes if status in OPEN_STATUSES)
        ratio = self.spec.ratio if self.spec.ratio is not None else 1.0
        return approved >= ratio * len(votes) or still_open == 0

    def ratio_met(self, task: Any) -> bool:
        """Return whether a ratio batch reached its share of approvals."""
        outcomes = [outcome for _, outcome in self.votes(task)]
        ratio = self.spec.ratio if self.spec.ratio is not None else 1.0
        return sum(1 for o in outcomes if o == Outcome.APPROVED) >= ratio * len(outcomes)

    def votes(self, task: Any) -> list[tuple[str, str]]:
        """Return ``(status, outcome)`` of the batch's tasks whose vote stands.

        Not a task set aside (cancelled: 前加签 set the adder's aside, a withdrawal took back
        the people it led to) nor an approval its holder withdrew (撤回 opened a copy, which
        votes instead): counting those made a unanimous ratio node fall short.
        """
        rows = self.batch_tasks(task).exclude(status=STATUS.CANCELED)
        return [
            (status, outcome)
            for status, outcome, data in rows.values_list("status", "outcome", "data")
            if not (data or {}).get(WITHDRAWN_MARK)
        ]

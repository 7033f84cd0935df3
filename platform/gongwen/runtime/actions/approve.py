"""同意 / 办理完毕: approve an approve task, or mark a handle task done."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongwen.kernel.actions import register
from gongwen.kernel.events import publish
from gongwen.runtime.actions.base import ActionResult, TaskAction, chosen_param
from gongwen.runtime.domain_events import StepApproved
from gongwen.runtime.engine.operations import (
    Decision,
    NewTasks,
    complete_task,
    end_process,
    node_spec,
    noting_new_tasks,
)
from gongwen.runtime.events import record
from gongwen.runtime.exceptions import InvalidInput
from gongwen.runtime.models import Outcome, Task

#: Bound on 去重 chains (same person on consecutive steps), so a loop cannot run away.
MAX_AUTO_APPROVALS = 20


@register
class Approve(TaskAction):
    """Approve the task; the node decides (by its mode) whether the flow moves on.

    ``chosen`` maps later node ids to usernames for ``previous_step_chosen`` rules. ``data``
    holds the step's form edits (its editable fields), checked with the node's field rights
    and merged into the process data; the trace row names the fields changed.
    """

    code = "approve"
    audit_action = "gongwen.task.approve"

    takes_data = True

    def __init__(
        self, task: Any, actor: Any, *, opinion: str = "", chosen: Any = None, data: Any = None
    ) -> None:
        super().__init__(task, actor, opinion=opinion, data=data)
        self.chosen = chosen

    def validate(self, task: Task) -> None:
        """Check as every task action does, and that ``chosen`` is well-formed."""
        super().validate(task)
        self.chosen = chosen_param(self.chosen)
        nodes = task.process.flow_class.spec.nodes
        for node_id in self.chosen:
            node = nodes.get(node_id)
            rule = node.assignee.rule if node is not None and node.assignee else None
            if rule != "previous_step_chosen":  # not the initiator's picks, not any node
                raise InvalidInput(
                    _("People can be chosen only for a step that asks for them."),
                    pointer=f"/chosen/{node_id}",
                )

    def apply(self, task: Task) -> ActionResult:
        """Keep the opinion, record the approval, complete the task, follow 去重."""
        process = task.process
        changed = self.edits.changed if self.edits is not None else []
        updates = []
        if self.chosen:
            process.chosen = {**process.chosen, **self.chosen}
            updates.append("chosen")
        if changed:
            process.data = self.edits.data
            updates.append("data")
        if updates:
            process.save(update_fields=updates)  # one UPDATE for the picks and the edits
        record(
            self.audit_action,
            process=process,
            task=task,
            actor=self.actor,
            on_behalf_of=self.on_behalf_of,
            opinion=self.opinion,
            payload={"fields": changed} if changed else None,
        )
        publish(StepApproved(process, task, self.actor, self.on_behalf_of))
        with noting_new_tasks() as new_tasks:
            decision = complete_task(task, self.actor, Outcome.APPROVED)
            if decision == Decision.RATIO_FAILED:
                end_process(process, Outcome.REJECTED)
                record(
                    "gongwen.process.reject", process=process, task=task, payload={"why": "ratio"}
                )
            _approve_repeats(new_tasks, process.pk, self.actor)
            opened = new_tasks.still_open()  # a child's first step or a parent's next, too
        return ActionResult(process.pk, [t.pk for t in opened], str(decision))


def _approve_repeats(new_tasks: NewTasks, process_id: int, actor: Any) -> None:
    """去重: approve at once the new tasks whose node says so and that went to ``actor`` again.

    Only within the process acted on: a subflow's child is another document.
    """
    if actor is None:  # the system approved (deadline escalation): nobody to repeat for
        return
    opened = new_tasks.still_open(process_id)
    for _attempt in range(MAX_AUTO_APPROVALS):
        repeat = next(
            (t for t in opened if t.owner_id == actor.pk and _repeat_allowed(t)),
            None,
        )
        if repeat is None:
            return
        record(
            "gongwen.task.auto_approve",
            process=repeat.process,
            task=repeat,
            actor=actor,
            payload={"reason": "repeat"},
        )
        publish(StepApproved(repeat.process, repeat, actor))
        complete_task(repeat, actor, Outcome.APPROVED)
        opened = new_tasks.still_open(process_id)


def _repeat_allowed(task: Task) -> bool:
    return node_spec(task).auto_approve_repeat

"""不同意 / 驳回: reject — the process ends as rejected (one no ends a 会签 too)."""

from __future__ import annotations

from gongwen.kernel.actions import register
from gongwen.runtime.actions.base import ActionResult, TaskAction
from gongwen.runtime.engine.operations import close_task, end_process
from gongwen.runtime.events import record
from gongwen.runtime.models import Outcome, Task


@register
class Reject(TaskAction):
    """Reject: finish the task as rejected, cancel everything open, end the process."""

    code = "reject"
    audit_action = "gongwen.task.reject"

    def apply(self, task: Task) -> ActionResult:
        """Keep the opinion, record, close the task and end the process as rejected."""
        record(
            self.audit_action,
            process=task.process,
            task=task,
            actor=self.actor,
            on_behalf_of=self.on_behalf_of,
            opinion=self.opinion,
        )
        close_task(task, self.actor, Outcome.REJECTED)
        end_process(task.process, Outcome.REJECTED)
        return ActionResult(task.process_id, [], Outcome.REJECTED)

"""Admin retry: run a failed service step again (a fresh series of attempts)."""

from __future__ import annotations

from typing import Any

from gongwen.kernel.actions import register
from gongwen.runtime.actions.base import ActionResult, LockedTaskAction, is_person
from gongwen.runtime.engine.service import ServiceActivation, ServiceNode
from gongwen.runtime.events import record
from gongwen.runtime.exceptions import Conflict, NotPermitted
from gongwen.runtime.models import Task
from gongwen.runtime.secrecy import require_cleared


@register
class RetryService(LockedTaskAction):
    """Take service task ``task`` out of the error state and enqueue it; administrators only."""

    code = "retry"
    audit_action = "gongwen.admin.retry"

    def __init__(self, task: Task | int, actor: Any) -> None:
        super().__init__(task, actor)

    def apply(self, task: Task) -> ActionResult:
        """Revive the step in one transaction with the process locked; the worker runs it."""
        failed_with = task.data.get("error", "")
        ServiceActivation(task).revive()
        record(
            self.audit_action,
            process=task.process,
            task=task,
            actor=self.actor,
            payload={"error": failed_with},
        )
        return ActionResult(task.process_id, [], "retried")

    def validate(self, task: Task) -> None:
        """Check the actor is an administrator and the task is a failed service step."""
        if not is_person(self.actor) or not self.actor.is_superuser:
            raise NotPermitted()
        require_cleared(self.actor, task.process)  # an administrator too: not above their clearance
        if not isinstance(task.flow_task, ServiceNode):
            raise NotPermitted()
        if task.status != "ERROR" or task.process.finished is not None:
            raise Conflict()

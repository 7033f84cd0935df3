"""Admin retry: run a failed service step again (a fresh series of attempts)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from gongwen.runtime.actions.base import ActionResult, announce
from gongwen.runtime.engine.operations import lock_process_of_task
from gongwen.runtime.engine.service import ServiceActivation, ServiceNode
from gongwen.runtime.events import record
from gongwen.runtime.exceptions import Conflict, NotFound, NotPermitted
from gongwen.runtime.models import Task


class RetryService:
    """Take service task ``task`` out of the error state and enqueue it; administrators only."""

    code = "retry"
    audit_action = "gongwen.admin.retry"

    def __init__(self, task: Task | int, actor: Any) -> None:
        self.task_id = task.pk if isinstance(task, Task) else int(task)
        self.actor = actor

    def check(self) -> None:
        """Raise an :class:`ActionError` if the step cannot be retried now; change nothing."""
        self.validate(self.load())

    def execute(self) -> ActionResult:
        """Revive the step in one transaction with the process locked; the worker runs it."""
        with transaction.atomic():
            task = self.load(lock=True)
            self.validate(task)
            failed_with = task.data.get("error", "")
            ServiceActivation(task).revive()
            record(
                self.audit_action,
                process=task.process,
                task=task,
                actor=self.actor,
                payload={"error": failed_with},
            )
            result = ActionResult(task.process_id, [], "retried")
            announce(type(self), result, self.audit_action)
        return result

    def load(self, *, lock: bool = False) -> Task:
        """Return the task (after locking its process when ``lock``)."""
        if lock and lock_process_of_task(self.task_id) is None:
            raise NotFound()
        try:
            return Task.objects.select_related("process").get(pk=self.task_id)
        except Task.DoesNotExist:
            raise NotFound() from None

    def validate(self, task: Task) -> None:
        """Check the actor is an administrator and the task is a failed service step."""
        if self.actor is None or not self.actor.is_active or not self.actor.is_superuser:
            raise NotPermitted()
        if not isinstance(task.flow_task, ServiceNode):
            raise NotPermitted()
        if task.status != "ERROR" or task.process.finished is not None:
            raise Conflict()

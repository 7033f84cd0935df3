"""Admin reassign (改派): an administrator gives any open person's task to someone else."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongwen.runtime.actions.base import ActionResult, announce
from gongwen.runtime.assignment import with_delegation
from gongwen.runtime.engine.operations import is_human, lock_process_of_task
from gongwen.runtime.events import record
from gongwen.runtime.exceptions import Conflict, InvalidInput, NotFound, NotPermitted
from gongwen.runtime.models import OPEN_STATUSES, Task


class Reassign:
    """Give open task ``task`` to ``to`` (or their delegate); administrators only."""

    code = "reassign"
    audit_action = "gongwen.admin.reassign"

    def __init__(self, task: Task | int, actor: Any, *, to: Any, reason: str = "") -> None:
        self.task_id = task.pk if isinstance(task, Task) else int(task)
        self.actor = actor
        self.to = to
        self.reason = (reason or "").strip()

    def check(self) -> None:
        """Raise an :class:`ActionError` if the reassignment cannot be made now."""
        self.validate(self.load())

    def execute(self) -> ActionResult:
        """Reassign in one transaction with the process row locked."""
        with transaction.atomic():
            task = self.load(lock=True)
            self.validate(task)
            assignment = with_delegation(self.to, task.process.definition_key)
            record(
                self.audit_action,
                process=task.process,
                task=task,
                actor=self.actor,
                opinion=self.reason,
                payload={"from": task.owner_id, "to": assignment.user.pk},
            )
            task.owner = assignment.user
            task.on_behalf_of = assignment.on_behalf_of
            task.save(update_fields=["owner", "on_behalf_of"])
            result = ActionResult(task.process_id, [task.pk], "reassigned")
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
        """Check the actor is an administrator, the task is open, ``to`` is someone else."""
        if self.actor is None or not self.actor.is_active or not self.actor.is_superuser:
            raise NotPermitted()
        if not is_human(task) or task.status not in OPEN_STATUSES or task.process.finished:
            raise Conflict()
        if self.to is None or not self.to.is_active or self.to.pk == task.owner_id:
            raise InvalidInput(_("Choose an active person to transfer to."))

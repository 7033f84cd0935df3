"""Admin reassign (改派): an administrator gives any open person's task to someone else."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongwen.runtime.actions.base import ActionResult, LockedTaskAction
from gongwen.runtime.actions.handover import hand_over
from gongwen.runtime.engine.operations import is_human
from gongwen.runtime.exceptions import Conflict, InvalidInput, NotPermitted
from gongwen.runtime.models import OPEN_STATUSES, Task
from gongwen.runtime.opinions import check_storable

MAX_REASON_LENGTH = 500


class Reassign(LockedTaskAction):
    """Give open task ``task`` to ``to`` (or their delegate); administrators only."""

    code = "reassign"
    audit_action = "gongwen.admin.reassign"

    def __init__(self, task: Task | int, actor: Any, *, to: Any, reason: str = "") -> None:
        super().__init__(task, actor)
        self.to = to
        self.reason = (reason or "").strip()

    def apply(self, task: Task) -> ActionResult:
        """Reassign in one transaction with the process row locked."""
        hand_over(
            task, self.to, audit_action=self.audit_action, actor=self.actor, opinion=self.reason
        )
        return ActionResult(task.process_id, [task.pk], "reassigned")

    def validate(self, task: Task) -> None:
        """Check the actor is an administrator, the task is open, ``to`` is someone else."""
        if self.actor is None or not self.actor.is_active or not self.actor.is_superuser:
            raise NotPermitted()
        if not is_human(task) or task.status not in OPEN_STATUSES or task.process.finished:
            raise Conflict()
        if self.to is None or not self.to.is_active or self.to.pk == task.owner_id:
            raise InvalidInput(_("Choose an active person to transfer to."))
        if len(self.reason) > MAX_REASON_LENGTH:
            raise InvalidInput(_("The reason is too long."))
        check_storable(self.reason)

"""Admin reassign (改派): an administrator gives any open person's task to someone else."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongwen.kernel.actions import register
from gongwen.runtime.actions.base import (
    ActionResult,
    LockedTaskAction,
    check_reason,
    guard_receiver,
    is_person,
    stripped,
)
from gongwen.runtime.actions.handover import hand_over
from gongwen.runtime.engine.operations import is_human
from gongwen.runtime.exceptions import Conflict, InvalidInput, NotPermitted
from gongwen.runtime.models import OPEN_STATUSES, Task
from gongwen.runtime.secrecy import require_cleared

MAX_REASON_LENGTH = 500


@register
class Reassign(LockedTaskAction):
    """Give open task ``task`` to ``to`` (or their delegate); administrators only."""

    code = "reassign"
    audit_action = "gongwen.admin.reassign"

    def __init__(self, task: Task | int, actor: Any, *, to: Any, reason: str = "") -> None:
        super().__init__(task, actor)
        self.to = to
        self.reason = stripped(reason)

    def apply(self, task: Task) -> ActionResult:
        """Reassign in one transaction with the process row locked."""
        hand_over(
            task, self.to, audit_action=self.audit_action, actor=self.actor, opinion=self.reason
        )
        return ActionResult(task.process_id, [task.pk], "reassigned")

    def validate(self, task: Task) -> None:
        """Check the actor is an administrator, the task is open, ``to`` is someone else who
        may receive the step — the guard of 转办, 委托 and 加签 (:func:`guard_receiver`): cleared
        for the 密级, no part in the step yet (a 会签 would count them twice), nor their delegate.
        """
        if not is_person(self.actor) or not self.actor.is_superuser:
            raise NotPermitted()
        require_cleared(self.actor, task.process)  # an administrator too: not above their clearance
        if not is_human(task) or task.status not in OPEN_STATUSES or task.process.finished:
            raise Conflict()
        if not is_person(self.to) or self.to.pk == task.owner_id:
            raise InvalidInput(_("Choose an active person to transfer to."), pointer="/to")
        check_reason(self.reason, MAX_REASON_LENGTH)
        guard_receiver(task, self.to)

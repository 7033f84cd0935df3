"""认领 / 退回认领池: take an unowned pool task as one's own, or give it back to the pool."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongwen.kernel.actions import register
from gongwen.runtime.actions.base import ActionResult, LockedTaskAction, require_person
from gongwen.runtime.engine.claims import put_back, take
from gongwen.runtime.engine.operations import is_human
from gongwen.runtime.events import record
from gongwen.runtime.exceptions import Conflict, InvalidTarget, NotPermitted
from gongwen.runtime.models import OPEN_STATUSES, Task
from gongwen.runtime.pool import can_claim, is_pool_task


def _check_open_pool_task(task: Task) -> None:
    if not is_human(task) or not is_pool_task(task):
        raise InvalidTarget(_("This task is not waiting to be claimed."))
    if task.process.finished is not None or task.status not in OPEN_STATUSES:
        raise Conflict()


@register
class Claim(LockedTaskAction):
    """Claim (认领) open pool task ``task``: a current holder of its role or post takes it.

    The first claim wins; a second one finds the task owned and gets :class:`Conflict`.
    """

    code = "claim"
    audit_action = "gongwen.task.claim"

    def validate(self, task: Task) -> None:
        """Check the task waits unclaimed in a pool the actor belongs to now."""
        require_person(self.actor)
        _check_open_pool_task(task)
        if task.owner_id is not None:
            raise Conflict(_("Someone has already claimed this task."))
        if not can_claim(task, self.actor):
            raise NotPermitted(_("You do not hold the role or post this task is waiting for."))

    def apply(self, task: Task) -> ActionResult:
        """Make the actor the task's owner and record the claim."""
        take(task, self.actor)
        record(self.audit_action, process=task.process, task=task, actor=self.actor)
        return ActionResult(task.process_id, [], "claimed")  # nothing new for anyone to hear of


@register
class Unclaim(LockedTaskAction):
    """Put a claimed pool task back (退回认领池): only whoever holds it, for themselves."""

    code = "unclaim"
    audit_action = "gongwen.task.unclaim"

    def validate(self, task: Task) -> None:
        """Check the task came from a pool, is still open and is the actor's."""
        require_person(self.actor)
        _check_open_pool_task(task)
        if task.owner_id != self.actor.pk or task.on_behalf_of_id:
            raise NotPermitted(_("Only the person holding this task can put it back."))

    def apply(self, task: Task) -> ActionResult:
        """Clear the owner so the pool's members see the task again, and record it."""
        put_back(task)
        record(self.audit_action, process=task.process, task=task, actor=self.actor)
        return ActionResult(task.process_id, [task.pk], "unclaimed")

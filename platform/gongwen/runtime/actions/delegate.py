"""委托 (one task): let someone act on one's task, for this task only, on one's behalf.

Unlike 转办 (transfer) the task stays the delegator's: the delegate holds it *on behalf of*
the delegator, so the trace, the opinion revisions and the audit log say "B for A". The
delegate cannot pass it on again. A standing delegation (all tasks over a period) is an org
matter (:class:`gongwen.org.models.Delegation`) and needs no action.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongwen.kernel.actions import register
from gongwen.runtime.actions.base import ActionResult, TaskAction, guard_receiver, is_person
from gongwen.runtime.events import record
from gongwen.runtime.exceptions import InvalidInput, NotPermitted
from gongwen.runtime.models import Task


@register
class Delegate(TaskAction):
    """Let ``to`` act on the task on behalf of whoever it is for."""

    code = "delegate"
    audit_action = "gongwen.task.delegate"
    takes_opinion = False

    def __init__(self, task: Any, actor: Any, *, to: Any, opinion: str = "") -> None:
        super().__init__(task, actor, opinion=opinion)
        self.to = to

    def validate(self, task: Task) -> None:
        """Check as every task action does; ``to`` is someone else, active, may receive the step
        (:func:`guard_receiver`, ``to`` themselves: delegations do not chain); not re-delegated."""
        super().validate(task)
        if task.data.get("delegated_by"):
            raise NotPermitted(_("A task delegated to you cannot be delegated again."))
        if not is_person(self.to):
            raise InvalidInput(_("Choose an active person to delegate to."), pointer="/to")
        if self.to.pk in (task.owner_id, self.actor.pk, task.on_behalf_of_id):
            raise InvalidInput(_("The task already belongs to this person."))
        guard_receiver(task, self.to, redirect=False)

    def apply(self, task: Task) -> ActionResult:
        """Give the task to ``to`` on behalf of its principal; record it last."""
        principal_id = self.on_behalf_of.pk if self.on_behalf_of else task.owner_id
        previous_owner = task.owner_id
        task.owner = self.to
        task.on_behalf_of_id = principal_id
        task.data = {**task.data, "delegated_by": self.actor.pk}
        task.save(update_fields=["owner", "on_behalf_of", "data"])
        record(
            self.audit_action,
            process=task.process,
            task=task,
            actor=self.actor,
            on_behalf_of=self.on_behalf_of,
            opinion=self.opinion,
            payload={"from": previous_owner, "to": self.to.pk, "for": principal_id},
        )
        return ActionResult(task.process_id, [task.pk], "delegated")

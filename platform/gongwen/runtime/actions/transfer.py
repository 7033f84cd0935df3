"""转办: hand one's task to another person, who then holds it outright."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongwen.kernel.actions import register
from gongwen.runtime.actions.base import ActionResult, TaskAction, guard_receiver, is_person
from gongwen.runtime.actions.handover import hand_over
from gongwen.runtime.exceptions import InvalidInput
from gongwen.runtime.models import Task


@register
class Transfer(TaskAction):
    """Give the task to ``to`` (or to their delegate, if they have one in effect)."""

    code = "transfer"
    audit_action = "gongwen.task.transfer"
    takes_opinion = False

    def __init__(self, task: Any, actor: Any, *, to: Any, opinion: str = "") -> None:
        super().__init__(task, actor, opinion=opinion)
        self.to = to

    def validate(self, task: Task) -> None:
        """Check as every task action does, that ``to`` is someone else, active, and may receive
        the step (:func:`guard_receiver`: cleared, no part in it yet, nor their delegate)."""
        super().validate(task)
        if not is_person(self.to):
            raise InvalidInput(_("Choose an active person to transfer to."), pointer="/to")
        if self.to.pk in (task.owner_id, self.actor.pk):
            raise InvalidInput(_("The task already belongs to this person."))
        guard_receiver(task, self.to)

    def apply(self, task: Task) -> ActionResult:
        """Reassign the task and record who handed it to whom."""
        hand_over(
            task,
            self.to,
            audit_action=self.audit_action,
            actor=self.actor,
            opinion=self.opinion,
            on_behalf_of=self.on_behalf_of,
        )
        return ActionResult(task.process_id, [task.pk], "transferred")

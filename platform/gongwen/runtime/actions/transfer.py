"""转办: hand one's task to another person, who then holds it outright."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongwen.runtime.actions.base import ActionResult, TaskAction
from gongwen.runtime.assignment import with_delegation
from gongwen.runtime.events import record
from gongwen.runtime.exceptions import InvalidInput
from gongwen.runtime.models import Task


class Transfer(TaskAction):
    """Give the task to ``to`` (or to their delegate, if they have one in effect)."""

    code = "transfer"
    audit_action = "gongwen.task.transfer"
    takes_opinion = False

    def __init__(self, task: Any, actor: Any, *, to: Any, opinion: str = "") -> None:
        super().__init__(task, actor, opinion=opinion)
        self.to = to

    def validate(self, task: Task) -> None:
        """Check as every task action does, and that ``to`` is someone else, active."""
        super().validate(task)
        if self.to is None or not self.to.is_active:
            raise InvalidInput(_("Choose an active person to transfer to."))
        if self.to.pk in (task.owner_id, self.actor.pk):
            raise InvalidInput(_("The task already belongs to this person."))

    def apply(self, task: Task) -> ActionResult:
        """Reassign the task and record who handed it to whom."""
        self.keep_opinion(task)
        assignment = with_delegation(self.to, task.process.definition_key)
        record(
            self.audit_action,
            process=task.process,
            task=task,
            actor=self.actor,
            on_behalf_of=self.on_behalf_of,
            opinion=self.opinion,
            payload={"from": task.owner_id, "to": assignment.user.pk},
        )
        task.owner = assignment.user
        task.on_behalf_of = assignment.on_behalf_of
        task.save(update_fields=["owner", "on_behalf_of"])
        return ActionResult(task.process_id, [task.pk], "transferred")

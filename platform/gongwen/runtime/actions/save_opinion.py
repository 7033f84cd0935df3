"""暂存意见: keep a new revision of one's opinion on an open task, before acting on it.

Only whoever holds the task — or stands in for its holder (委托) — writes an opinion on it,
and only while the task and its process are open. Each revision is a trace row
``gongwen.opinion.save`` with its hash-chained audit event (see :mod:`gongwen.runtime.opinions`).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongwen.kernel.actions import register
from gongwen.runtime.actions.base import ActionResult, LockedTaskAction, acting_for, stripped
from gongwen.runtime.engine.models import OPEN_STATUSES
from gongwen.runtime.engine.operations import is_human
from gongwen.runtime.events import record
from gongwen.runtime.exceptions import Conflict, InvalidInput, NotPermitted
from gongwen.runtime.models import Task
from gongwen.runtime.opinions import SAVE_ACTION, check_opinion


@register
class SaveOpinion(LockedTaskAction):
    """Save ``text`` as ``actor``'s opinion on open ``task`` (a new revision; none is lost)."""

    code = "save_opinion"
    audit_action = SAVE_ACTION

    def __init__(self, task: Task | int, actor: Any, *, text: str = "") -> None:
        super().__init__(task, actor)
        self.text = stripped(text)
        self.on_behalf_of: Any = None

    def validate(self, task: Task) -> None:
        """Check the actor holds the open task (or stands in for who does) and the text."""
        if not is_human(task):
            raise NotPermitted()
        self.on_behalf_of = acting_for(task, self.actor)
        if task.process.finished is not None or task.status not in OPEN_STATUSES:
            raise Conflict()
        check_opinion(self.text)
        if not self.text:
            raise InvalidInput(_("The opinion is empty."), pointer="/opinion")

    def apply(self, task: Task) -> ActionResult:
        """Record the revision: a trace row and its audit event."""
        record(
            self.audit_action,
            process=task.process,
            task=task,
            actor=self.actor,
            on_behalf_of=self.on_behalf_of,
            opinion=self.text,
        )
        return ActionResult(task.process_id, [], "opinion_saved")

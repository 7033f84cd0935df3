"""催办: the initiator (or an administrator) reminds whoever holds the open tasks.

An unclaimed 认领 task is urged too: everyone who may claim it is reminded.

Writes a trace row and an audit event per urged task and sends ``process_changed`` (action
``gongwen.task.urge``) after commit, for notifications to deliver. A task can be urged at most
once per :data:`MIN_INTERVAL`, so a reminder cannot become a flood.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongwen.kernel.actions import register
from gongwen.kernel.text import check_text
from gongwen.runtime.actions.base import ActionResult, stripped
from gongwen.runtime.actions.process_action import ProcessAction
from gongwen.runtime.engine.operations import open_tasks
from gongwen.runtime.events import record
from gongwen.runtime.exceptions import Conflict, InvalidInput
from gongwen.runtime.models import Process, TraceEntry

MIN_INTERVAL = timedelta(hours=1)
MAX_MESSAGE_LENGTH = 200


@register
class Urge(ProcessAction):
    """Remind the holders of ``process``'s open tasks, with an optional short message."""

    code = "urge"
    audit_action = "gongwen.task.urge"

    def __init__(self, process: Process | int, actor: Any, *, message: str = "") -> None:
        super().__init__(process, actor)
        self.message = stripped(message)
        self.due: list[Any] = []

    def apply(self, process: Process) -> ActionResult:
        """Record one reminder per open task not urged recently."""
        for task in self.due:
            record(
                self.audit_action,
                process=process,
                task=task,
                actor=self.actor,
                opinion=self.message,
                payload={"to": task.owner_id},
            )
        return ActionResult(process.pk, [t.pk for t in self.due], "urged")

    def validate(self, process: Process) -> None:
        """Check who urges, that the process runs, and that someone is due a reminder."""
        self.require_initiator_or_admin(process)
        check_text(
            self.message,
            "/message",
            MAX_MESSAGE_LENGTH,
            error=InvalidInput,
            too_long=_("The message is too long."),
        )
        recent = set(
            TraceEntry.objects.filter(
                process=process,
                action=self.audit_action,
                at__gt=timezone.now() - MIN_INTERVAL,
            ).values_list("task_id", flat=True)
        )
        held = Q(owner__isnull=False) | Q(pool_role__isnull=False) | Q(pool_title__gt="")
        tasks = open_tasks(process).filter(held).order_by("pk")  # people's, and 认领 pools
        self.due = [t for t in tasks if t.pk not in recent]
        if not self.due:
            raise Conflict(_("Everyone has been reminded within the last hour."))

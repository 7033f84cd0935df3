"""终止: the initiator or an administrator stops a running process."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongwen.kernel.actions import register
from gongwen.runtime.actions.base import ActionResult, check_reason, stripped
from gongwen.runtime.actions.process_action import ProcessAction
from gongwen.runtime.engine.operations import end_process
from gongwen.runtime.events import record
from gongwen.runtime.exceptions import InvalidInput
from gongwen.runtime.models import Outcome, Process

MAX_REASON_LENGTH = 500


@register
class Terminate(ProcessAction):
    """End ``process`` as terminated, cancelling every open task; a reason is required."""

    code = "terminate"
    audit_action = "gongwen.process.terminate"

    def __init__(self, process: Process | int, actor: Any, *, reason: str) -> None:
        super().__init__(process, actor)
        self.reason = stripped(reason)

    def apply(self, process: Process) -> ActionResult:
        """Record the termination and end the process, cancelling what is open."""
        record(
            self.audit_action, process=process, node_id="", actor=self.actor, opinion=self.reason
        )
        end_process(process, Outcome.TERMINATED)
        return ActionResult(process.pk, [], Outcome.TERMINATED)

    def validate(self, process: Process) -> None:
        """Check the actor is the initiator or an administrator and the process runs."""
        self.require_initiator_or_admin(process)
        check_reason(self.reason, MAX_REASON_LENGTH)
        if not self.reason:
            raise InvalidInput(_("Give a reason for terminating."), pointer="/reason")

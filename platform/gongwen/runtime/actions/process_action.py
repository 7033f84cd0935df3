"""The shape of actions on a whole process (terminate, urge, admin jump) rather than a task."""

from __future__ import annotations

from typing import Any, ClassVar

from gongwen.runtime.actions.base import ActionResult, announce, atomically
from gongwen.runtime.engine.operations import lock_process
from gongwen.runtime.exceptions import Conflict, NotFound, NotPermitted
from gongwen.runtime.models import Process


class ProcessAction:
    """Base of actions addressed to a process: load it locked, check, apply, announce.

    Subclasses set ``code`` and ``audit_action`` and implement :meth:`validate` and
    :meth:`apply`; :meth:`execute` runs them in one transaction with the process row locked.
    """

    code: ClassVar[str] = ""
    audit_action: ClassVar[str] = ""

    def __init__(self, process: Process | int, actor: Any) -> None:
        self.process_id = process.pk if isinstance(process, Process) else int(process)
        self.actor = actor

    def check(self) -> None:
        """Raise an :class:`ActionError` if the action cannot run now; change nothing."""
        self.validate(self.load())

    def execute(self) -> ActionResult:
        """Run the action in one transaction with the process locked; return what it did."""
        return atomically(self._run)

    def _run(self) -> ActionResult:
        process = self.load(lock=True)
        self.validate(process)
        result = self.apply(process)
        announce(type(self), result, self.audit_action)
        return result

    def validate(self, process: Process) -> None:
        """Raise an :class:`ActionError` unless the action may run on ``process`` now."""
        raise NotImplementedError

    def apply(self, process: Process) -> ActionResult:
        """Make the change; called with the process locked and checks passed."""
        raise NotImplementedError

    def load(self, *, lock: bool = False) -> Process:
        """Return the process (locked when ``lock``)."""
        try:
            if lock:
                return lock_process(self.process_id)
            return Process.objects.get(pk=self.process_id)
        except Process.DoesNotExist:
            raise NotFound() from None

    def require_initiator_or_admin(self, process: Process) -> None:
        """Raise unless an active initiator or administrator acts on a running process."""
        actor = self.actor
        if actor is None or not actor.is_active:
            raise NotPermitted()
        if actor.pk != process.initiator_id and not actor.is_superuser:
            raise NotPermitted()
        if process.finished is not None:
            raise Conflict()

"""The shape of actions on a whole process (terminate, urge, admin jump) rather than a task."""

from __future__ import annotations

from typing import Any

from gongwen.runtime.actions.base import LockedAction, object_id, require_person
from gongwen.runtime.engine.operations import lock_process
from gongwen.runtime.exceptions import Conflict, NotFound, NotPermitted
from gongwen.runtime.models import Process
from gongwen.runtime.secrecy import require_cleared


class ProcessAction(LockedAction):
    """An action addressed to a whole process: the process is loaded locked."""

    def __init__(self, process: Process | int, actor: Any) -> None:
        self.process_id = process.pk if isinstance(process, Process) else process
        self.actor = actor

    def load(self, *, lock: bool = False) -> Process:
        """Return the process (locked when ``lock``)."""
        process_id = object_id(self.process_id, "/process", Process)
        try:
            if lock:
                return lock_process(process_id)
            return Process.objects.get(pk=process_id)
        except Process.DoesNotExist:
            raise NotFound() from None

    def require_initiator_or_admin(self, process: Process) -> None:
        """Raise unless an active initiator or administrator acts on a running process."""
        actor = require_person(self.actor)
        if actor.pk != process.initiator_id and not actor.is_superuser:
            raise NotPermitted()
        require_cleared(actor, process)  # nobody acts on what they may not read
        if process.finished is not None:
            raise Conflict()

"""密级 in the runtime: who is cleared for a process, and changing a process's 密级.

A process carries the 密级 of its 公文 as ``Process.secrecy`` (the clearance scale of
:class:`gongwen.org.clearance.Clearance`: 0 公开 … 3 机密). The runtime compares people's
clearance with it wherever it hands out or shows work: assignment (``gongwen.runtime.assignment``),
待办/已办/待阅/我发起 (``gongwen.runtime.inbox``) and the trace (``gongwen.runtime.trace``).
The documents layer adds who participates (``gongwen.documents.access``).

Raising the 密级 of a running process is refused while an open task is held by someone below
the new level (:class:`HolderNotCleared`): reassigning a 会签 or a 依次 step behind its holders'
backs would change who decides; hand the task on (转办/改派) to a cleared person first.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongwen.errors import Forbidden, StateConflict
from gongwen.org.clearance import Clearance
from gongwen.runtime.models import OPEN_STATUSES, Process, Task

#: The trace/audit code of a change of 密级.
SECRECY_CHANGED = "gongwen.process.secrecy"


class NotCleared(Forbidden):
    """The person's clearance is below the 密级 of what they asked for."""

    code = "secrecy.not_cleared"
    message = _("Your clearance does not allow you to see or handle this.")


class HolderNotCleared(StateConflict):
    """Raising the 密级 would leave open work with people below it."""

    code = "secrecy.holder_not_cleared"
    message = _("%(names)s, who hold open steps of this process, are not cleared for that 密级.")


def clearance_of(user: Any) -> int:
    """Return ``user``'s clearance level; ``-1`` for nobody, the anonymous or the inactive."""
    if user is None or not getattr(user, "is_active", False) or user.is_anonymous:
        return -1
    return int(user.clearance)


def is_cleared(user: Any, process: Any) -> bool:
    """Return whether ``user`` (active) may see or handle material of ``process``'s 密级."""
    return clearance_of(user) >= process.secrecy


def cleared_processes(user: Any, prefix: str = "") -> Q:
    """Return the filter of rows whose process (``prefix``, e.g. ``"process__"``) ``user`` may see.

    The test is on the process row the query already reads: no join, no extra query.
    """
    return Q(**{f"{prefix}secrecy__lte": clearance_of(user)})


def require_cleared(user: Any, process: Any) -> None:
    """Raise :class:`NotCleared` unless ``user`` is cleared for ``process``."""
    if not is_cleared(user, process):
        raise NotCleared(pointer="/secrecy")


def parse_level(level: Any) -> int:
    """Return the level of ``level`` (0–3, 公开/内部/秘密/机密 or a label); raise ``ValueError``."""
    return int(Clearance.parse(level))


def holders_below(process: Any, level: int) -> list[Any]:
    """Return the people holding open tasks of ``process`` whose clearance is below ``level``."""
    from gongwen.org.models import User

    held = Task.objects.filter(process_id=process.pk, status__in=OPEN_STATUSES, owner__isnull=False)
    return list(
        User.objects.filter(pk__in=held.values("owner"), clearance__lt=level).order_by("pk")
    )


def set_secrecy(process: Process, level: Any, *, by: Any = None, trace: bool = True) -> bool:
    """Set the 密级 of ``process`` to ``level``; return whether it changed.

    Call it inside the action's transaction, with the process locked (the caller's action —
    start of a 公文, a 要素 edit — is what is audited as well; this writes the trace row
    ``gongwen.process.secrecy`` when the level changes, unless ``trace`` is false: the 公文's
    creation inside the start says its 密级 in the start's own row). Lowering is always
    possible here; whether a person may choose the level is
    :func:`gongwen.documents.access.may_change_secrecy`.

    Raises:
        ValueError: ``level`` is not a 密级.
        HolderNotCleared: raising it would leave open tasks with people below the new level.
    """
    from gongwen.runtime.events import record

    new = parse_level(level)
    old = process.secrecy
    if new == old:
        return False
    if new > old:
        below = holders_below(process, new)
        if below:
            names = "、".join(str(person) for person in below)
            raise HolderNotCleared(pointer="/secrecy", names=names)
    Process.objects.filter(pk=process.pk).update(secrecy=new)
    process.secrecy = new
    if trace:
        record(SECRECY_CHANGED, process=process, actor=by, payload={"from": old, "to": new})
    return True

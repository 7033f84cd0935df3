"""What happens when a deadline passes: the definition's escalation, done by the system.

``auto_approve`` and ``auto_return`` run the ordinary :class:`Approve` and :class:`ReturnTo`
actions with no actor (the engine itself), so they lock, trace, audit and announce exactly as
a person's action does; only the permission checks differ (the definition itself allows it).
Both are registered kernel actions (``gongwen.task.auto_approve``, ``gongwen.task.auto_return``)
with no actor: their refusals are :class:`~gongwen.errors.GongwenError` like every action's.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from gongwen.definitions.specs import Escalation, NodeType
from gongwen.kernel.actions import register
from gongwen.notifications.services import notify
from gongwen.org.queries import nearest_head, superior
from gongwen.runtime.actions.approve import Approve
from gongwen.runtime.actions.return_to import ReturnTo, _scope
from gongwen.runtime.announcements import holders
from gongwen.runtime.events import record
from gongwen.runtime.exceptions import ActionError, Conflict, InvalidTarget, NotPermitted
from gongwen.runtime.models import OPEN_STATUSES, Outcome, Task
from gongwen.runtime.pool import pool_of

#: Trace/audit action names written by the deadline worker.
REMIND = "gongwen.deadline.remind"
EXPIRE = "gongwen.deadline.expire"
FAILED = "gongwen.deadline.escalation_failed"

#: Outcomes of finished tasks that did not hand the work on (not a return target).
UNFINISHED_OUTCOMES = (Outcome.RETURNED, Outcome.WITHDRAWN, Outcome.SUPERSEDED, Outcome.SKIPPED)


def _check_open(task: Task) -> None:
    if task.process.finished is not None or task.status not in OPEN_STATUSES:
        raise Conflict()
    if task.owner_id is None:  # an unclaimed 认领 task: nobody to act for; the pool was told
        raise NotPermitted(_("Nobody has claimed this task yet."))


@register
class SystemApprove(Approve):
    """同意 by the system when the deadline passed (traced ``gongwen.task.auto_approve``)."""

    audit_action = "gongwen.task.auto_approve"

    def __init__(self, task: Any) -> None:
        super().__init__(task, None)

    def validate(self, task: Task) -> None:
        """Check only that the task and its process are still open."""
        _check_open(task)
        self.on_behalf_of = None


@register
class SystemReturn(ReturnTo):
    """退回 by the system to the previous person's step (traced ``gongwen.task.auto_return``)."""

    audit_action = "gongwen.task.auto_return"

    def __init__(self, task: Any) -> None:
        super().__init__(task, None, target="")

    def validate(self, task: Task) -> None:
        """Check the task is open and find the previous person's step in the same scope."""
        _check_open(task)
        self.on_behalf_of = None
        self.earlier = _previous_step(task)
        if self.earlier is None:
            raise InvalidTarget(target="")
        self.target = self.earlier.node_id


def _previous_step(task: Task) -> Task | None:
    """Return the latest approved person's (or start) task upstream of ``task``'s node.

    Upstream means before it in the definition's graph, so a step the work was returned
    *from* (a later node) is never the target; returned, withdrawn, superseded and skipped
    tasks do not count. ``None`` when there is none, or it lies in another parallel branch.
    """
    upstream = _upstream(task.flow_task.flow_class.spec, task.node_id)
    done = (
        Task.objects.filter(
            process_id=task.process_id, status="DONE", pk__lt=task.pk, node_id__in=upstream
        )
        .exclude(outcome__in=UNFINISHED_OUTCOMES)
        .order_by("-pk")
    )
    for earlier in done:
        if earlier.flow_task.spec.type in (NodeType.START, NodeType.APPROVE, NodeType.HANDLE):
            return earlier if _scope(task, earlier) is not None else None
    return None


def _upstream(spec: Any, node_id: str) -> set[str]:
    """Return the ids of the nodes from which ``node_id`` can be reached (not itself)."""
    found: set[str] = set()
    todo = [node_id]
    while todo:
        target = todo.pop()
        for edge in spec.edges:
            if edge.target == target and edge.source not in found:
                found.add(edge.source)
                todo.append(edge.source)
    found.discard(node_id)
    return found


def remind(task: Task, due_at: Any) -> list[Any]:
    """Notify the assignee (and their delegate) that ``task`` is due soon; trace it."""
    people = holders(task)
    message = _("Reminder: “%(title)s” is due at %(due)s.") % {
        "title": _title(task),
        "due": _local(due_at),
    }
    _notify(people, "deadline.reminder", message, task)
    record(REMIND, process=task.process, task=task, payload={"to": [p.pk for p in people]})
    return people


def escalate(task: Task, escalation: str) -> str:
    """Do the node's escalation for the overdue ``task``; return what was done.

    Traced ``gongwen.deadline.expire`` (payload: the escalation, and for ``notify_superior``
    whom it went to). The result is the escalation, or ``"<escalation>_failed:<why>"`` when
    it could not be done (no superior; the system action was refused, traced
    ``gongwen.deadline.escalation_failed``) — then the assignee keeps the task.
    """
    message = _("Overdue: “%(title)s” has passed its deadline.") % {"title": _title(task)}
    _notify(holders(task), "deadline.expired", message, task)
    payload: dict[str, Any] = {"escalation": escalation}
    if escalation == Escalation.NOTIFY_SUPERIOR:
        boss = _notify_superior(task)
        payload["to"] = boss.pk if boss is not None else None
    record(EXPIRE, process=task.process, task=task, payload=payload)
    if escalation == Escalation.NOTIFY_SUPERIOR and payload["to"] is None:
        return f"{escalation}_failed:no_superior"
    action = {Escalation.AUTO_APPROVE: SystemApprove, Escalation.AUTO_RETURN: SystemReturn}
    if escalation not in action:
        return escalation
    try:
        action[escalation](task).execute()
    except ActionError as error:
        payload = {"escalation": escalation, "code": error.code}
        record(FAILED, process=task.process, task=task, payload=payload)
        return f"{escalation}_failed:{error.code}"
    return escalation


def _notify_superior(task: Task) -> Any:
    """Tell whoever answers for the overdue ``task``; return them (``None``: nobody found).

    A held task: the holder's superior. An unclaimed 认领 task: the head of the pool's
    department (or the nearest one above), passing over the pool's own members.
    """
    if task.owner is not None:
        boss = superior(task.owner)
        holder = getattr(task.owner, "display_name", "") or task.owner.get_username()
        text = _("Overdue: “%(title)s”, held by %(name)s, has passed its deadline.")
        message = text % {"title": _title(task), "name": holder}
    else:
        pool = pool_of(task)
        if pool is None or pool.department is None:
            return None
        members = set(pool.members().values_list("pk", flat=True))
        boss = nearest_head(pool.department, passing_over=members)
        text = _("Overdue: “%(title)s” is still waiting for someone of %(pool)s to claim it.")
        message = text % {"title": _title(task), "pool": _pool_name(pool)}
    if boss is None:
        return None
    _notify([boss], "deadline.escalated", message, task)
    return boss


def _pool_name(pool: Any) -> str:
    """Return e.g. ``县政府办 收发登记员``: the pool's department and its role or post."""
    what = pool.role.name if pool.role is not None else pool.title
    return f"{pool.department.short_name or pool.department.name} {what}".strip()


def _notify(people: list[Any], kind: str, message: str, task: Task) -> None:
    notify(people, kind, message, process_id=task.process_id, task_id=task.pk)


def _title(task: Task) -> str:
    return task.process.title or task.process.definition_key


def _local(moment: Any) -> str:
    from django.utils import timezone

    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")

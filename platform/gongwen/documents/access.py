"""Who may see and do what with a 公文 and its process: one rule, as querysets and predicates.

A person sees a 公文 — its process, tasks and trace rows with it — when both hold:

* **clearance**: their clearance reaches the 密级 of the process and of its document;
* **reason to know**: they participate — started it, hold or held one of its tasks (for
  themselves, for a principal, or as the principal a delegate acted for), stand in now for a
  holder of an open task (委托), acted in its trace, received a copy to read (抄送/传阅), may
  claim its open 认领 task — or they hold a post in the document's drafting department.
  Superusers need no reason to know (administration), but still the clearance.

An inactive person sees nothing. :func:`visible_to` gives the rule as a queryset filter (one
query, for lists); the ``may_*`` predicates answer it for one object. ``obj in visible_to(user,
type(obj))`` holds exactly when ``may_view(user, obj)`` does; a property test keeps them so.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongwen.documents.document.models import Document, DocumentFile
from gongwen.documents.kinds import Secrecy
from gongwen.documents.lifecycle import EDITABLE_STATES, DocumentState
from gongwen.errors import Forbidden
from gongwen.org.models import Delegation, Position
from gongwen.org.queries import delegate_for
from gongwen.runtime.models import OPEN_STATUSES, Process, ReadItem, Task, TraceEntry
from gongwen.runtime.pool import claimable_by
from gongwen.runtime.secrecy import clearance_of, cleared_processes, parse_level

#: 密级 from which every read of a 公文 is audited (``gongwen.document.read``).
AUDITED_FROM = Secrecy.SECRET.level
READ_ACTION = "gongwen.document.read"


class SecrecyAboveClearance(Forbidden):
    """Nobody marks a 公文 above their own clearance."""

    code = "document.secrecy_above_clearance"
    message = _("You cannot mark a document %(level)s: it is above your clearance.")


def level_of(secrecy: str) -> int:
    """Return the clearance a reader of a document marked ``secrecy`` needs."""
    return Secrecy(secrecy).level


def _names_up_to(level: int) -> list[str]:
    return [s.value for s in Secrecy if s.level <= level]


# Querysets ------------------------------------------------------------------------------------


def _participation(user: Any) -> Q:
    """Return the filter of processes ``user`` participates in (a test per reason, on ``pk``)."""
    here = OuterRef("pk")
    held = Q(owner=user) | Q(on_behalf_of=user) | Q(completed_by=user)
    standing_in = (
        Delegation.objects.in_effect(timezone.now())
        .filter(delegate=user)
        .filter(Q(scope="") | Q(scope=OuterRef("process__definition_key")))
        .values("delegator")
    )
    by_delegation = Task.objects.filter(status__in=OPEN_STATUSES, owner__in=standing_in)
    return (
        Q(initiator=user)
        | Exists(Task.objects.filter(held, process=here))
        | Exists(by_delegation.filter(process=here))
        | Exists(TraceEntry.objects.filter(Q(actor=user) | Q(on_behalf_of=user), process=here))
        | Exists(ReadItem.objects.filter(process=here, user=user))
        | Exists(Task.objects.filter(claimable_by(user), process=here))
        | Q(document__department__in=Position.objects.filter(user=user).values("department"))
    )


def visible_processes(user: Any) -> QuerySet[Process]:
    """Return the processes ``user`` may see (one query when evaluated)."""
    level = clearance_of(user)
    if level < 0:
        return Process.objects.none()
    own_secrecy = Q(document__isnull=True) | Q(document__secrecy__in=_names_up_to(level))
    rows = Process.objects.filter(cleared_processes(user)).filter(own_secrecy)
    return rows if user.is_superuser else rows.filter(_participation(user))


def visible_to(user: Any, rows: QuerySet | type[Model] = Document) -> QuerySet:
    """Return the rows of ``rows`` ``user`` may see.

    ``rows`` is a model or a queryset of Document, DocumentFile, Process, Task or TraceEntry.

    Raises:
        TypeError: ``rows`` is of another model.
    """
    queryset = rows._default_manager.all() if isinstance(rows, type) else rows
    model = queryset.model
    if model is Process:
        return queryset.filter(pk__in=visible_processes(user).values("pk"))
    if model in (Document, Task, TraceEntry):
        return queryset.filter(process__in=visible_processes(user).values("pk"))
    if model is DocumentFile:
        return queryset.filter(document__process__in=visible_processes(user).values("pk"))
    raise TypeError(f"visible_to does not know {model.__name__}")


# Predicates -----------------------------------------------------------------------------------


def _process_of(obj: Any) -> Process:
    if isinstance(obj, Process):
        return obj
    if isinstance(obj, DocumentFile):
        return obj.document.process
    return obj.process


def _document_of(process: Process) -> Document | None:
    return Document.objects.filter(process_id=process.pk).first()


def _is_cleared(user: Any, process: Process) -> bool:
    level = clearance_of(user)
    if level < process.secrecy:
        return False
    document = _document_of(process)
    return document is None or level_of(document.secrecy) <= level


def _participates(user: Any, process: Process) -> bool:
    if process.initiator_id == user.pk:
        return True
    tasks = Task.objects.filter(process_id=process.pk)
    if tasks.filter(Q(owner=user) | Q(on_behalf_of=user) | Q(completed_by=user)).exists():
        return True
    if any(_stands_in_for(user, task) for task in tasks.filter(status__in=OPEN_STATUSES)):
        return True
    trace = TraceEntry.objects.filter(process_id=process.pk)
    if trace.filter(Q(actor=user) | Q(on_behalf_of=user)).exists():
        return True
    if ReadItem.objects.filter(process_id=process.pk, user=user).exists():
        return True
    if tasks.filter(claimable_by(user)).exists():
        return True
    return _in_drafting_department(user, process)


def _stands_in_for(user: Any, task: Task) -> bool:
    """Return whether ``user`` is, now, the delegate of ``task``'s owner for its process."""
    if task.owner_id is None:
        return False
    delegate = delegate_for(task.owner, scope=task.process.definition_key)
    return delegate is not None and delegate.pk == user.pk


def _in_drafting_department(user: Any, process: Process) -> bool:
    document = _document_of(process)
    if document is None or document.department_id is None:
        return False
    return Position.objects.filter(user=user, department_id=document.department_id).exists()


def may_view(user: Any, obj: Any) -> bool:
    """Return whether ``user`` may see ``obj`` (a Document, Process, Task, TraceEntry or file)."""
    process = _process_of(obj)
    if clearance_of(user) < 0 or not _is_cleared(user, process):
        return False
    return bool(user.is_superuser) or _participates(user, process)


def may_edit(user: Any, document: Document) -> bool:
    """Return whether ``user`` may edit the 要素 of ``document`` now.

    While draft: the drafter (the process's initiator). While reviewing: whoever holds an open
    task of the process. Never from signed onwards; never without :func:`may_view`.
    """
    if document.state not in EDITABLE_STATES or not may_view(user, document):
        return False
    if document.state == DocumentState.DRAFT and document.process.initiator_id == user.pk:
        return True
    return Task.objects.filter(
        process_id=document.process_id, owner=user, status__in=OPEN_STATUSES
    ).exists()


def may_act(user: Any, task: Task) -> bool:
    """Return whether ``user`` may act on open ``task``: holds it, stands in for its holder
    (委托), or may claim it from its pool — and may see it."""
    if task.status not in OPEN_STATUSES or task.process.finished is not None:
        return False
    if not may_view(user, task):
        return False
    if task.owner_id is None:
        return Task.objects.filter(pk=task.pk).filter(claimable_by(user)).exists()
    return task.owner_id == user.pk or _stands_in_for(user, task)


def may_download(user: Any, obj: Document | DocumentFile) -> bool:
    """Return whether ``user`` may download ``obj`` (a 公文's files follow the 公文)."""
    return may_view(user, obj)


def may_change_secrecy(user: Any, document: Document, level: Any = None) -> bool:
    """Return whether ``user`` may set the 密级 of ``document`` (to ``level``, if given).

    Only someone who may edit it, and never above their own clearance.
    """
    if not may_edit(user, document):
        return False
    if level is None:
        return True
    try:
        return parse_level(level) <= clearance_of(user)
    except ValueError:
        return False


def require_secrecy_within_clearance(user: Any, secrecy: Any) -> None:
    """Refuse (pointer ``/secrecy``) a 密级 above ``user``'s clearance.

    An unknown 密级 passes: the 要素 validation refuses it with its own error.
    """
    try:
        level = parse_level(secrecy)
    except ValueError:
        return
    if level > clearance_of(user):
        raise SecrecyAboveClearance(pointer="/secrecy", level=str(Secrecy(list(Secrecy)[level])))


def audit_read(user: Any, document: Document, *, via: str, request: Any = None) -> None:
    """Write ``gongwen.document.read`` for a read of a 秘密 or 机密 ``document`` (else nothing)."""
    if level_of(document.secrecy) < AUDITED_FROM:
        return
    from gongwen.audit.recording import record

    payload = {"secrecy": document.secrecy, "via": via, "process": document.process_id}
    record(READ_ACTION, actor=user, target=document, payload=payload, request=request)

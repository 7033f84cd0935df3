"""What people and the runtime do to a 公文: create, edit, check, submit, sign, find.

Every function changes nothing when it raises. Step handlers (number, seal, dispatch,
archive) are in :mod:`gongwen.documents.steps`; attachments in :mod:`gongwen.documents.files`.
"""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from dataclasses import replace
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongwen.definitions.specs import FlowSpec
from gongwen.documents.access import (
    level_of,
    may_edit,
    may_view,
    require_secrecy_within_clearance,
)
from gongwen.documents.content import body_to_data
from gongwen.documents.document.exceptions import (
    DocumentLocked,
    FormatCheckFailed,
    InvalidElements,
    NotAllowed,
)
from gongwen.documents.document.models import Document
from gongwen.documents.elements import DocumentElements
from gongwen.documents.formatcheck.checker import check, has_errors
from gongwen.documents.formatcheck.problems import FormatProblem
from gongwen.documents.kinds import Direction, Kind, Secrecy, Urgency
from gongwen.documents.lifecycle import EDITABLE_STATES, DocumentState, LifecycleError
from gongwen.documents.templates import start_draft
from gongwen.org.queries import organ_of
from gongwen.runtime.events import record
from gongwen.runtime.models import OPEN_STATUSES, Task
from gongwen.runtime.secrecy import HolderNotCleared, holders_below, set_secrecy

SHANGHAI = ZoneInfo("Asia/Shanghai")
SIGN_ACTION = "gongwen.document.sign"

#: DocumentElements fields stored as-is on the model (the rest are converted or derived).
_PLAIN = (
    "title",
    "copy_number",
    "secrecy_period",
    "organ_name",
    "signature_organ",
    "date",
    "note",
    "printing_organ",
    "printing_date",
)
#: Fields only the runtime's steps set (number, 签发人) and the derived 附件说明.
_NOT_EDITABLE = frozenset({"doc_number", "signers", "attachments", "organ_names"})


def create_document(
    process: Any,
    elements: DocumentElements | None = None,
    *,
    subject: str = "",
    department: Any = None,
) -> Document:
    """Create the draft 公文 of ``process`` from ``elements`` or from its flow's template.

    Args:
        process: the runtime process the document belongs to (one document per process).
        elements: the 要素 to start from; default: the template of the flow's
            ``document.template`` (or kind) with ``subject`` (else the process title).
        subject: the 事由 filled into the template.
        department: the drafting department (default: the initiator's first department).

    The process takes the document's 密级 (``Process.secrecy``), so the first step is planned
    for cleared people only.

    Raises:
        SecrecyAboveClearance: the 密级 (given or the flow's default) is above the initiator's
            clearance: nobody drafts a document they may not read.
    """
    settings = flow_spec(process).document
    if elements is None:
        if settings is None:
            raise NotAllowed(_("This flow does not carry a document."))
        elements = start_draft(settings.template or settings.kind, subject=subject or process.title)
    document = Document(process=process, department=department or _department_of(process))
    if settings is not None:
        # each drafting organ its own 代字 (and with it its seal and numbering series)
        document.organ_code = settings.for_organ(_organ_code(document.department)).organ_code
        document.direction = settings.direction
        elements = _with_flow_defaults(elements, settings, process)
    _apply_checked(document, elements)
    require_secrecy_within_clearance(process.initiator, document.secrecy)
    document.save()
    set_secrecy(process, document.secrecy, by=process.initiator, trace=False)
    return document


def record_step(document: Document, action: str, by: Any, facts: dict[str, Any]) -> None:
    """Record ``action`` done to ``document``: a trace row of its process and the audit event.

    The trace row is on the actor's open task of the process when there is one (the step
    being done), else on the actor's latest task of it (签发 is recorded as its task
    completes), else on the start (the drafter's draft).
    """
    task = None
    if by is not None:
        theirs = Task.objects.filter(process_id=document.process_id, owner=by)
        task = (
            theirs.filter(status__in=OPEN_STATUSES).order_by("pk").first()
            or theirs.order_by("-pk").first()
        )
    record(
        action,
        process=document.process,
        task=task,
        node_id="" if task else flow_spec(document.process).start.id,
        actor=by,
        payload={"document": document.pk, **facts},
    )


def flow_spec(process: Any) -> FlowSpec:
    """Return the flow spec ``process`` runs (carried by its flow class; no query)."""
    return process.flow_class.spec


def _with_flow_defaults(
    elements: DocumentElements, settings: Any, process: Any
) -> DocumentElements:
    changes: dict[str, Any] = {"direction": Direction(settings.direction)}
    if elements.secrecy == Secrecy.PUBLIC and settings.secrecy:
        changes["secrecy"] = Secrecy(settings.secrecy)
    urgency = process.urgency or settings.urgency
    if elements.urgency == Urgency.NORMAL and urgency:
        changes["urgency"] = Urgency(urgency)
    return replace(elements, **changes)


def _department_of(process: Any) -> Any:
    initiator = process.initiator
    positions = getattr(initiator, "positions", None)
    if positions is None:
        return None
    first = positions.select_related("department").order_by("pk").first()
    return first.department if first else None


def _organ_code(department: Any) -> str | None:
    """Return the department code of the organ (机关) ``department`` belongs to."""
    if department is None:
        return None
    organ = organ_of(department)
    return organ.code if organ is not None else None


def _apply(document: Document, elements: DocumentElements) -> None:
    for name in _PLAIN:
        setattr(document, name, getattr(elements, name))
    document.direction = str(elements.direction)
    document.secrecy = str(elements.secrecy)
    document.urgency = str(elements.urgency)
    document.main_recipients = list(elements.main_recipients)
    document.cc = list(elements.cc)
    document.body = body_to_data(elements.body)


def _apply_checked(document: Document, elements: DocumentElements) -> None:
    """Apply ``elements`` to ``document`` or raise :class:`InvalidElements` (nothing saved)."""
    try:
        elements = replace(
            elements,
            kind=Kind(elements.kind),
            direction=Direction(elements.direction),
            secrecy=Secrecy(elements.secrecy),
            urgency=Urgency(elements.urgency),
        )
        _apply(document, elements)
        document.kind = str(elements.kind)
        document.full_clean(validate_unique=False, validate_constraints=False)
    except (ValueError, TypeError, AttributeError, ValidationError) as exc:
        detail = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        raise InvalidElements(_("Invalid document data: %(detail)s") % {"detail": detail}) from exc


def can_edit(document: Document, user: Any) -> bool:
    """Return whether ``user`` may edit the 要素 now (:func:`gongwen.documents.access.may_edit`).

    While draft: the drafter (the process's initiator). While reviewing: whoever holds an open
    task of the process (the reviewers the flow has reached). Never from signed onwards, and
    never above the person's clearance.
    """
    return may_edit(user, document)


def check_edit(document: Document, by: Any, changes: dict[str, Any]) -> None:
    """Raise unless ``by`` may apply ``changes`` (要素 by name) to ``document`` now.

    Read-only: :func:`update_elements` and the action
    :class:`gongwen.documents.actions.EditElements` run it before writing.

    Raises:
        DocumentLocked: the document is signed or further on, or its process has ended.
        NotAllowed: ``by`` may not edit it now, or a field is not editable by people.
        SecrecyAboveClearance: the new 密级 is above ``by``'s clearance.
        InvalidElements: a value the document cannot hold.
        HolderNotCleared: the new 密级 is above the clearance of someone holding an open task.
    """
    if document.state not in EDITABLE_STATES or document.process.finished is not None:
        raise DocumentLocked(_("The document can no longer be edited."))
    if not can_edit(document, by):
        raise NotAllowed(_("You may not edit this document now."))
    known = {f.name for f in dataclass_fields(DocumentElements)} - _NOT_EDITABLE
    unknown = sorted(set(changes) - known)
    if unknown:
        raise NotAllowed(
            _("These fields cannot be edited: %(f)s.") % {"f": ", ".join(unknown)},
            pointer=f"/changes/{unknown[0]}",
        )
    elements = document.to_elements()
    for name, value in changes.items():
        current = getattr(elements, name)
        text, items = isinstance(current, str), isinstance(current, tuple)
        if (text and not isinstance(value, str)) or (items and not isinstance(value, list | tuple)):
            raise InvalidElements(
                _("This 要素 takes %(kind)s.") % {"kind": _("text") if text else _("a list")},
                pointer=f"/changes/{name}",
            )
    if "secrecy" in changes:
        require_secrecy_within_clearance(by, changes["secrecy"])
    _apply_checked(document, replace(elements, **changes))
    level = level_of(document.secrecy)
    below = holders_below(document.process, level) if level > document.process.secrecy else []
    if below:
        names = "、".join(str(person) for person in below)
        raise HolderNotCleared(pointer="/secrecy", names=names)


def update_elements(document: Document, by: Any, **changes: Any) -> Document:
    """Change 要素 of a draft or reviewed document; return it, saved (inside a transaction).

    ``changes`` are :class:`DocumentElements` field names (``title=…``, ``body=…``). The
    public entry is the action :class:`gongwen.documents.actions.EditElements` (checked
    parameters, the audit event); this is what it runs.

    A change of 密级 reaches the process (:func:`gongwen.runtime.secrecy.set_secrecy`) in the
    same transaction, and so does a change of 紧急程度: every step not reached yet sees it
    (``skippable_when_urgent`` steps are skipped for a 特急 document).

    Raises:
        GongwenError: see :func:`check_edit`.
    """
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        check_edit(locked, by, changes)
        locked.save()
        set_secrecy(locked.process, locked.secrecy, by=by)
        _follow_urgency(locked)
    return locked


def _follow_urgency(document: Document) -> None:
    """Give the process the 公文's 紧急程度, so steps not reached yet see it (特急 skips)."""
    process = document.process
    urgency = str(document.urgency)
    if process.urgency != urgency:
        process.urgency = urgency
        process.save(update_fields=["urgency"])


#: 要素 the lifecycle fills later: not required before submission (签发人 and 成文日期 come
#: with 签发, the 发文字号 at numbering).
PENDING_AT_SUBMISSION = frozenset({"doc_number", "signers", "date"})
PENDING_AT_SIGNING = frozenset({"doc_number"})


def submit_check(
    document: Document, *, pending: frozenset[str] = PENDING_AT_SUBMISSION, signer: Any = None
) -> list[FormatProblem]:
    """Return every format problem of the document (errors block, warnings do not).

    Args:
        document: the document to check.
        pending: elements not filled yet at this stage; their "required" problems are left out
            (the format rules still apply to whatever is filled in).
        signer: the prospective 签发人, checked as if signed today (before signing).
    """
    elements = document.to_elements()
    if signer is not None:
        elements = replace(elements, signers=(str(signer),), date=elements.date or today())
    problems = check(elements, department=document.department)
    return [p for p in problems if not (p.field in pending and p.code.endswith(".required"))]


def today() -> date:
    """Return today's date in Asia/Shanghai (the 成文日期 of a document signed now)."""
    return timezone.now().astimezone(SHANGHAI).date()


def require_clean_format(document: Document, **options: Any) -> list[FormatProblem]:
    """Return the warnings, or raise :class:`FormatCheckFailed` listing every problem."""
    problems = submit_check(document, **options)
    if has_errors(problems):
        raise FormatCheckFailed(_("The document has format errors; correct them first."), problems)
    return problems


def check_submit(document: Document, by: Any) -> list[FormatProblem]:
    """Return the warnings, or raise why ``by`` may not submit ``document`` now (read-only).

    Raises:
        NotAllowed: ``by`` is not the drafter (or may no longer see it).
        DocumentLocked: the process has ended.
        LifecycleError: the document is not a draft.
        FormatCheckFailed: errors were found.
    """
    if by is None or document.process.initiator_id != by.pk or not may_view(by, document):
        raise NotAllowed(_("Only the drafter can submit the document."))
    if document.process.finished is not None:
        raise DocumentLocked(_("The document can no longer be edited."))
    if document.state != DocumentState.DRAFT:
        raise LifecycleError(_("Only a draft can be submitted."))
    return require_clean_format(document)


def submit(document: Document, by: Any) -> list[FormatProblem]:
    """Send the draft into review after a clean format check; return the warnings.

    Runs inside a transaction; the public entry is the action
    :class:`gongwen.documents.actions.SubmitDocument`, which audits it.

    Raises:
        GongwenError: see :func:`check_submit`; the document stays a draft.
    """
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        warnings = check_submit(locked, by)
        locked.lifecycle.submit()
        locked.save(update_fields=["state", "updated_at"])
    document.state = locked.state
    return warnings


def sign(document: Document, by: Any) -> Document:
    """签发: record ``by`` as the 签发人 and move the document to *signed*.

    Runs inside the 签发 approval's transaction (see :mod:`gongwen.documents.following`) and
    records ``gongwen.document.sign`` (a trace row and its audit event).

    Raises:
        NotAllowed: a 签发人 was designated and ``by`` is someone else.
        FormatCheckFailed: the document has format errors.
        LifecycleError: the document is not in draft or review.
    """
    locked = Document.objects.select_for_update().get(pk=document.pk)
    if locked.signer_id is not None and locked.signer_id != by.pk:
        raise NotAllowed(
            _("Only the designated 签发人 (%(name)s) may sign this document.")
            % {"name": locked.signer}
        )
    require_clean_format(locked, pending=PENDING_AT_SIGNING, signer=by)
    locked.lifecycle.sign()
    locked.signer = by
    locked.signed_at = timezone.now()
    locked.date = locked.date or today()
    locked.save(update_fields=["state", "signer", "signed_at", "date", "updated_at"])
    record_step(locked, SIGN_ACTION, by, {"signer": by.pk, "date": locked.date.isoformat()})
    return locked


def find_by_number(doc_number: str) -> Document | None:
    """Return the document that carries the 发文字号 ``doc_number``, or ``None``."""
    text = (doc_number or "").strip()
    if not text:
        return None
    return Document.objects.filter(doc_number=text).select_related("process").first()

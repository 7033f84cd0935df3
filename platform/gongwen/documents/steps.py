"""The runtime's 公文 steps given their meaning: 签发, number, seal, dispatch, archive.

:func:`register_document_steps` (called by ``DocumentsConfig.ready``) registers the four step
handlers with the runtime's registry as person-performed steps (the registrar numbers, seals
and dispatches; the archivist files), and subscribes :mod:`gongwen.documents.following` to
the runtime's domain events (签发 on approval; taking back when the flow goes back). Every
handler runs inside the runtime action's transaction: when it raises, the action and
everything the handler wrote (a 发文字号 included) roll back. Each step writes its own trace
row and audit event beside its task's approval — ``gongwen.document.register``, ``number``
(the number, its series and sequence), ``seal`` (each file's SHA-256), ``dispatch`` (主送,
抄送) and ``archive`` (every file's SHA-256). ``docs/documents/lifecycle.md`` explains the
choices.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from types import SimpleNamespace
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from gongwen.definitions.registries import (
    DocumentRules,
    document_rules,
    register_document_rules,
    register_template_lookup,
)
from gongwen.documents.document import sealing
from gongwen.documents.document.exceptions import DocumentError, MissingDocument
from gongwen.documents.document.models import Document, DocumentFile, FileRole
from gongwen.documents.files import DOCX, PDF, store_file
from gongwen.documents.flow_facts import document_facts
from gongwen.documents.following import (
    LATEST_STATE_BEFORE,
    MILESTONES,
    STATE_ORDER,
    milestone_of,
    subscribe_to_flow,
    unsubscribe_from_flow,
)
from gongwen.documents.lifecycle import (
    EDITABLE_STATES,
    DocumentLifecycle,
    DocumentState,
    LifecycleError,
)
from gongwen.documents.numbering.models import NumberStatus
from gongwen.documents.numbering.services import allocate
from gongwen.documents.services import flow_spec
from gongwen.documents.templates import TemplateDataError, template_for
from gongwen.runtime.condition_context import register_document_facts
from gongwen.runtime.events import record
from gongwen.runtime.steps import StepContext, step_handlers

STEP_TYPES = ("register", "number", "seal", "dispatch", "archive")


def locked_document(process: Any) -> Document:
    """Return the document of ``process``, row-locked, or raise :class:`MissingDocument`."""
    found = Document.objects.select_for_update().filter(process_id=process.pk).first()
    if found is None:
        raise MissingDocument(_("This process carries no document."))
    return found


def _performer(ctx: StepContext) -> Any:
    return getattr(ctx.task, "owner", None)


def number_document(ctx: StepContext) -> None:
    """Allocate the next 发文字号 of the flow's series and move the document to *numbered*."""
    document = locked_document(ctx.process)
    if document.state != DocumentState.SIGNED:
        raise LifecycleError(_("Only a signed document can be numbered."))
    kept = document.issued_number
    if kept is not None and kept.status == NumberStatus.ISSUED:
        # The flow came back to 编号: the number issued before is still this document's.
        document.lifecycle.number()
        document.save(update_fields=["state", "updated_at"])
        _record(ctx, document, "gongwen.document.number", _number_facts(kept, kept=True))
        return
    issued = _allocate(ctx, document)
    document.lifecycle.number()
    document.issued_number = issued
    document.doc_number = issued.text
    document.save(update_fields=["state", "issued_number", "doc_number", "updated_at"])
    _record(ctx, document, "gongwen.document.number", _number_facts(issued, kept=False))


def _number_facts(number: Any, *, kept: bool) -> dict[str, Any]:
    return {
        "number": number.text,
        "series": number.series.key,
        "sequence": number.sequence,
        "kept": kept,
    }


def _record(ctx: StepContext, document: Document, action: str, facts: dict[str, Any]) -> None:
    """Write the step's own trace row and audit event (beside its task's approval)."""
    record(
        action,
        process=ctx.process,
        task=ctx.task,
        actor=_performer(ctx),
        payload={"document": document.pk, **facts},
    )


def register_document(ctx: StepContext) -> None:
    """登记: give a 收文 its registration number (the organ's 收文 series); no 签发 needed.

    The sender's 发文字号 stays in ``doc_number``; the registration number is
    ``issued_number``. An outgoing document is refused: it is numbered after 签发.
    """
    document = locked_document(ctx.process)
    if document.direction != "incoming" or document.state != DocumentState.DRAFT:
        raise LifecycleError(
            _("Only a received document that is not registered yet is registered.")
        )
    document.issued_number = _allocate(ctx, document)
    document.lifecycle.register()
    document.save(update_fields=["state", "issued_number", "updated_at"])
    facts = _number_facts(document.issued_number, kept=False)
    _record(ctx, document, "gongwen.document.register", facts)


def _allocate(ctx: StepContext, document: Document) -> Any:
    """Take the next number of the series that goes with the document's 代字 (its organ's)."""
    settings = flow_spec(ctx.process).document
    series = settings.series_for_code(document.organ_code) if settings else None
    if not series:
        raise DocumentError(_("The flow names no numbering series."))
    return allocate(
        series,
        by=_performer(ctx),
        target=f"process:{ctx.process.pk}",
        document_id=document.pk,
        kind=document.kind,
    )


def seal_document_step(ctx: StepContext) -> None:
    """Render the final PDF, seal and sign it for the 签发人, and move the document to *sealed*."""
    document = locked_document(ctx.process)
    if document.state != DocumentState.NUMBERED:
        raise LifecycleError(_("Only a numbered document can be sealed."))
    docx, pdf, signed = sealing.sealed_pdf(document)
    document.lifecycle.seal()
    document.save(update_fields=["state", "updated_at"])
    by = _performer(ctx)
    stored = [
        store_file(document, FileRole.BODY_DOCX, f"{document.pk}.docx", docx, DOCX, by=by),
        store_file(document, FileRole.PDF, f"{document.pk}.pdf", pdf, PDF, by=by),
        store_file(document, FileRole.SEALED_PDF, f"{document.pk}-sealed.pdf", signed, PDF, by=by),
    ]
    files = {str(f.role): {"id": f.pk, "sha256": f.sha256, "size": f.size} for f in stored}
    _record(ctx, document, "gongwen.document.seal", {"number": document.doc_number, "files": files})


def dispatch_document(ctx: StepContext) -> None:
    """Record the distribution (主送, 抄送) and move the document to *dispatched*."""
    document = locked_document(ctx.process)
    document.lifecycle.dispatch()
    now = timezone.now()
    by = _performer(ctx)
    document.distribution = {
        "main_recipients": list(document.main_recipients),
        "cc": list(document.cc),
        "by": getattr(by, "pk", None),
        "at": now.isoformat(),
    }
    document.dispatched_at = now
    document.save(update_fields=["state", "distribution", "dispatched_at", "updated_at"])
    facts = {
        "number": document.doc_number,
        "main_recipients": document.distribution["main_recipients"],
        "cc": document.distribution["cc"],
    }
    _record(ctx, document, "gongwen.document.dispatch", facts)


def archive_document(ctx: StepContext) -> None:
    """Move the document to *archived*; it refuses every change from then on."""
    document = locked_document(ctx.process)
    document.lifecycle.archive()
    document.archived_at = timezone.now()
    document.save(update_fields=["state", "archived_at", "updated_at"])
    files = DocumentFile.objects.filter(document=document).order_by("pk")
    hashes = {f"{f.role}:{f.pk}": f.sha256 for f in files}
    _record(
        ctx, document, "gongwen.document.archive", {"number": document.doc_number, "files": hashes}
    )


def for_documents(handler: Callable[[StepContext], None]) -> Callable[[StepContext], None]:
    """Wrap ``handler`` so a flow that carries no 公文 (no ``document`` settings) passes."""

    @wraps(handler)
    def run(ctx: StepContext) -> None:
        spec = flow_spec(ctx.process)
        if spec.document is not None:
            handler(ctx)

    return run


HANDLERS = {
    "register": for_documents(register_document),
    "number": for_documents(number_document),
    "seal": for_documents(seal_document_step),
    "dispatch": for_documents(dispatch_document),
    "archive": for_documents(archive_document),
}


def register_document_steps() -> None:
    """Register the 公文 step handlers and subscribe to the flow's events (once, at start-up)."""
    for node_type, handler in HANDLERS.items():
        if step_handlers.get(node_type) is None:
            step_handlers.register(node_type, handler, performed_by_person=True)
    subscribe_to_flow()
    register_document_facts(document_facts)
    if document_rules() is None:
        register_document_rules(RULES)
        register_template_lookup(_template_exists)


def unregister_document_steps() -> None:
    """Remove what :func:`register_document_steps` registered (tests, plugin unloading)."""
    for node_type, handler in HANDLERS.items():
        if step_handlers.get(node_type) is handler:
            step_handlers.unregister(node_type)
    unsubscribe_from_flow()
    register_document_facts(None)


# What the definitions validator asks (its registries), from the rules above -------------------


def _step_milestone(node: Any) -> str | None:
    """Return the milestone ``node`` is: :func:`milestone_of`, or ``register`` (收文 登记)."""
    return "register" if str(node.type) == "register" else milestone_of(node)


def _advance(milestone: str, state: str, kind: str, direction: str) -> str | None:
    """Return the state a document is in after ``milestone``, or ``None`` if it refuses it.

    The handlers' own preconditions first, then the state machine itself on a stand-in.
    """
    if milestone == "sign" and state not in EDITABLE_STATES:
        return state  # on_step_approved leaves a signed document alone
    if milestone == "number" and state != DocumentState.SIGNED:
        return None
    if milestone == "register" and (direction != "incoming" or state != DocumentState.DRAFT):
        return None
    document = SimpleNamespace(state=state, kind=kind, direction=direction)
    lifecycle = DocumentLifecycle(document)
    try:
        getattr(lifecycle, milestone)()  # the milestones are named as the transitions
    except LifecycleError:
        return None
    return str(document.state)


def _goes_back(state: str, ahead: frozenset[str]) -> bool:
    """Return whether a document in ``state`` may go back to a step with ``ahead`` before it."""
    known = [m for m in ahead if m in MILESTONES]
    if not known:
        return True
    latest = LATEST_STATE_BEFORE[min(known, key=MILESTONES.index)]
    if STATE_ORDER.index(DocumentState(state)) <= STATE_ORDER.index(latest):
        return True
    return state not in (DocumentState.DISPATCHED, DocumentState.ARCHIVED)


def _template_exists(key: str) -> bool:
    try:
        template_for(key)
    except TemplateDataError:
        return False
    return True


RULES = DocumentRules(
    milestone_of=_step_milestone,
    advance=_advance,
    initial_states=frozenset({DocumentState.DRAFT.value, DocumentState.REVIEWING.value}),
    goes_back=_goes_back,
    order=MILESTONES,
)

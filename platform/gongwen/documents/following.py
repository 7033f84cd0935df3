"""The 公文 follows its flow, told by the runtime's domain events (subscribed in ``ready``).

- :class:`~gongwen.runtime.domain_events.StepApproved` at the 签发 node signs the document
  (:func:`gongwen.documents.services.sign`) for the person who approved (or whom they stood in
  for). A system approval (a deadline's ``auto_approve``) signs nothing.
- :class:`~gongwen.runtime.domain_events.FlowRepositioned` (退回, 撤回, 跳转, auto-return):
  the 公文 steps still ahead of the reopened steps decide the state the document may have.
  With 签发 ahead, the signature is taken back (state *reviewing*, 签发人 cleared); with 编号
  ahead, *signed*; with 用印 ahead, *numbered*. A 发文字号 already issued stays the document's
  and is reused when 编号 runs again (so numbering stays gap-free and nobody else gets it). A
  dispatched document cannot go back: the move is refused. A move that would open 编号 or
  a later step of a document never signed (skipping 签发) is refused too.
Each taking back writes a trace row ``gongwen.document.take_back`` saying from and to which
state, and which number was kept.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongwen.definitions.specs import FlowSpec, NodeType
from gongwen.documents.document.exceptions import DocumentLocked
from gongwen.documents.document.models import Document
from gongwen.documents.lifecycle import EDITABLE_STATES, DocumentState
from gongwen.documents.services import flow_spec, sign
from gongwen.kernel.events import subscribe, unsubscribe
from gongwen.runtime.domain_events import FlowRepositioned, StepApproved
from gongwen.runtime.events import record

TAKE_BACK_ACTION = "gongwen.document.take_back"

#: The 公文 milestones in flow order, and the latest state a document may have while each is
#: still ahead of the flow.
SIGN = "sign"
MILESTONES = (SIGN, "number", "seal", "dispatch", "archive")
LATEST_STATE_BEFORE = {
    SIGN: DocumentState.REVIEWING,
    "number": DocumentState.SIGNED,
    "seal": DocumentState.NUMBERED,
    "dispatch": DocumentState.SEALED,
    "archive": DocumentState.DISPATCHED,
}
STATE_ORDER = [
    DocumentState.DRAFT,
    DocumentState.REVIEWING,
    DocumentState.SIGNED,
    DocumentState.NUMBERED,
    DocumentState.SEALED,
    DocumentState.DISPATCHED,
    DocumentState.ARCHIVED,
]


def is_signing_node(node: Any) -> bool:
    """Return whether approving ``node`` is the 签发.

    A node says so with ``params.signs_document: true``; otherwise an approve node whose
    ``sign_opinion`` field is required (签发意见) is the 签发 node.
    """
    if node.type != NodeType.APPROVE:
        return False
    flag = node.params.get("signs_document")
    if flag is not None:
        return bool(flag)
    return str(node.fields.get("sign_opinion", "")) == "required"


def milestone_of(node: Any) -> str | None:
    """Return which 公文 milestone ``node`` is (``sign``, ``number`` …), or ``None``."""
    if is_signing_node(node):
        return SIGN
    kind = str(node.type)
    return kind if kind in MILESTONES else None


def milestones_ahead(spec: FlowSpec, node_ids: tuple[str, ...]) -> set[str]:
    """Return the milestones at or reachable from ``node_ids`` in ``spec``'s graph."""
    seen: set[str] = set()
    todo = [n for n in node_ids if n in spec.nodes]
    while todo:
        node_id = todo.pop()
        if node_id in seen:
            continue
        seen.add(node_id)
        todo.extend(edge.target for edge in spec.outgoing(node_id))
    return {m for m in (milestone_of(spec.nodes[n]) for n in seen) if m is not None}


def on_step_approved(event: StepApproved) -> None:
    """Sign the document when its 签发 step is approved by a person."""
    if event.actor is None:
        return
    node = flow_spec(event.process).nodes.get(event.task.node_id)
    if node is None or not is_signing_node(node):
        return
    document = Document.objects.filter(process_id=event.process.pk).first()
    if document is None or document.state not in EDITABLE_STATES:
        return  # already signed at this step (a further co-signer): the first signature stands
    sign(document, event.on_behalf_of or event.actor)


def on_repositioned(event: FlowRepositioned) -> None:
    """Take the document back to the state the reopened steps allow, or refuse the move."""
    spec = flow_spec(event.process)
    ahead = milestones_ahead(spec, event.opened_node_ids)
    if not ahead:
        return
    document = Document.objects.select_for_update().filter(process_id=event.process.pk).first()
    if document is None:
        return
    earliest = min(ahead, key=MILESTONES.index)
    latest_allowed = LATEST_STATE_BEFORE[earliest]
    state = DocumentState(document.state)
    if _has_sign_step(spec) and SIGN not in ahead and state in EDITABLE_STATES:
        raise DocumentLocked(_("The document has not been signed; the flow cannot skip 签发."))
    if STATE_ORDER.index(state) <= STATE_ORDER.index(latest_allowed):
        return
    if state in (DocumentState.DISPATCHED, DocumentState.ARCHIVED):
        raise DocumentLocked(_("A dispatched document cannot be taken back."))
    _take_back(document, latest_allowed)
    record(
        TAKE_BACK_ACTION,
        process=event.process,
        node_id=event.opened_node_ids[0] if event.opened_node_ids else "",
        actor=event.actor,
        payload={
            "from": str(state),
            "to": str(document.state),
            "cause": event.action,
            "number_kept": document.doc_number,
        },
    )


def _has_sign_step(spec: FlowSpec) -> bool:
    return any(is_signing_node(node) for node in spec.nodes.values())


def _take_back(document: Document, to: DocumentState) -> None:
    fields = ["state", "updated_at"]
    if to == DocumentState.REVIEWING:
        document.lifecycle.reopen()
        document.signer = None
        document.signed_at = None
        fields += ["signer", "signed_at"]
    elif to == DocumentState.SIGNED:
        document.lifecycle.back_to_signed()
    else:
        document.lifecycle.unseal()
    document.save(update_fields=fields)


def subscribe_to_flow() -> None:
    """Subscribe the 公文's handlers to the runtime's events (once, at start-up)."""
    subscribe(StepApproved, on_step_approved)
    subscribe(FlowRepositioned, on_repositioned)


def unsubscribe_from_flow() -> None:
    """Undo :func:`subscribe_to_flow` (tests that run flows without 公文 semantics)."""
    unsubscribe(StepApproved, on_step_approved)
    unsubscribe(FlowRepositioned, on_repositioned)

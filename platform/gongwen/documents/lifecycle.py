"""The 公文 lifecycle: draft → reviewing → signed → numbered → sealed → dispatched → archived.

A 收文 (direction ``incoming``) is registered instead: draft → reviewing (登记) → archived.

A :class:`DocumentLifecycle` wraps one document and moves its ``state`` with ``viewflow.fsm``
transitions; a transition from the wrong state raises :class:`LifecycleError` (a
:class:`~gongwen.errors.StateConflict` and a ``TransitionNotAllowed``) and changes nothing.
Callers save the document themselves, inside the transaction of the runtime action that drives
the step.

It moves forward with its flow and back with it: when the flow goes back (退回, 撤回, 跳转, a
deadline's auto-return) past 签发, 编号 or 用印, :mod:`gongwen.documents.following` takes the
document back to the state before that step. Once dispatched it never goes back.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from viewflow import fsm
from viewflow.fsm.base import TransitionDescriptor

from gongwen.errors import StateConflict


class DocumentState(models.TextChoices):
    """Where a 公文 stands: forward with its flow, back with it until it is dispatched."""

    DRAFT = "draft", _("Draft")
    REVIEWING = "reviewing", _("Under review")
    SIGNED = "signed", _("Signed")
    NUMBERED = "numbered", _("Numbered")
    SEALED = "sealed", _("Sealed")
    DISPATCHED = "dispatched", _("Dispatched")
    ARCHIVED = "archived", _("Archived")


#: States in which the 要素 and the 正文 may still be edited.
EDITABLE_STATES = frozenset({DocumentState.DRAFT, DocumentState.REVIEWING})


class LifecycleError(StateConflict, fsm.TransitionNotAllowed):
    """A transition the document's state does not allow: nothing changed (HTTP 409).

    A :class:`~gongwen.errors.GongwenError`, and still a ``TransitionNotAllowed``; what
    ``viewflow.fsm`` itself raises from a transition of :class:`DocumentLifecycle` comes out
    as this.
    """

    code = "document.wrong_state"
    message = _("The document is not in a state that allows this; reload to see where it is.")
    status = 409


class _Refusing:
    """A transition bound by ``viewflow.fsm`` whose refusal is raised as :class:`LifecycleError`."""

    def __init__(self, bound: Any) -> None:
        self._bound = bound

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return self._bound(*args, **kwargs)
        except LifecycleError:
            raise
        except fsm.TransitionNotAllowed as error:
            raise LifecycleError() from error

    def __getattr__(self, name: str) -> Any:  # can_proceed, label …
        return getattr(self._bound, name)


class _RefusingDescriptor:
    def __init__(self, descriptor: Any) -> None:
        self._descriptor = descriptor

    def __get__(self, instance: Any, owner: Any = None) -> Any:
        got = self._descriptor.__get__(instance, owner)
        return got if instance is None else _Refusing(got)


def _refusals_as_lifecycle_errors(cls: type) -> type:
    """Wrap every transition of ``cls`` so that a refusal is a :class:`LifecycleError`."""
    for name, attribute in list(vars(cls).items()):
        if isinstance(attribute, TransitionDescriptor):
            setattr(cls, name, _RefusingDescriptor(attribute))
    return cls


def _received(lifecycle: DocumentLifecycle) -> bool:
    """Return whether the document is a 收文 (received, never signed or sent here)."""
    return lifecycle.document.direction == "incoming"


def _sent_or_received(lifecycle: DocumentLifecycle) -> bool:
    return lifecycle.document.state == DocumentState.DISPATCHED or _received(lifecycle)


def _sealed_unless_minutes(lifecycle: DocumentLifecycle) -> bool:
    """Return whether the document may go out: sealed, or a 纪要 (which carries no seal)."""
    document = lifecycle.document
    return document.state == DocumentState.SEALED or document.kind == "纪要"


@_refusals_as_lifecycle_errors
class DocumentLifecycle:
    """The state machine of one document (``document.state`` holds the state)."""

    state = fsm.State(DocumentState, default=DocumentState.DRAFT)

    def __init__(self, document: Any) -> None:
        self.document = document

    @state.getter()
    def _get_state(self) -> str:
        return self.document.state

    @state.setter()
    def _set_state(self, value: str) -> None:
        self.document.state = value

    @state.transition(source=DocumentState.DRAFT, target=DocumentState.REVIEWING)
    def submit(self) -> None:
        """Send the draft into review (the drafter submitted it)."""

    @state.transition(
        source=(DocumentState.DRAFT, DocumentState.REVIEWING), target=DocumentState.SIGNED
    )
    def sign(self) -> None:
        """签发: the leader signed the reviewed draft."""

    @state.transition(
        source=(DocumentState.SIGNED, DocumentState.NUMBERED, DocumentState.SEALED),
        target=DocumentState.REVIEWING,
    )
    def reopen(self) -> None:
        """The flow went back before 签发: back to review, to be signed again."""

    @state.transition(
        source=(DocumentState.NUMBERED, DocumentState.SEALED), target=DocumentState.SIGNED
    )
    def back_to_signed(self) -> None:
        """The flow went back to 编号 (the number stays the document's, reused there)."""

    @state.transition(source=DocumentState.SEALED, target=DocumentState.NUMBERED)
    def unseal(self) -> None:
        """The flow went back to 用印: sealed again there (the earlier files are kept)."""

    @state.transition(source=DocumentState.SIGNED, target=DocumentState.NUMBERED)
    def number(self) -> None:
        """登记: the document got its 发文字号."""

    @state.transition(source=DocumentState.NUMBERED, target=DocumentState.SEALED)
    def seal(self) -> None:
        """用印: the final PDF is sealed and signed."""

    @state.transition(
        source=(DocumentState.SEALED, DocumentState.NUMBERED),
        target=DocumentState.DISPATCHED,
        conditions=[_sealed_unless_minutes],
    )
    def dispatch(self) -> None:
        """核发: the document went to its 主送 and 抄送 organs (纪要 unsealed, GB/T 9704 10.3)."""

    @state.transition(
        source=DocumentState.DRAFT, target=DocumentState.REVIEWING, conditions=[_received]
    )
    def register(self) -> None:
        """登记 (收文 only): the received document got its registration number; handling starts."""

    @state.transition(
        source=(DocumentState.DISPATCHED, DocumentState.REVIEWING),
        target=DocumentState.ARCHIVED,
        conditions=[_sent_or_received],
    )
    def archive(self) -> None:
        """归档: a dispatched document, or a handled 收文; from now on it never changes."""

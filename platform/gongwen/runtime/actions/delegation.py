"""委托 over a period as actions: create a delegation, revoke it and give its tasks back.

The delegation itself is an org row (:class:`gongwen.org.models.Delegation`); org is a lower
layer and knows no tasks, so the actions live here, where revoking can give the delegator back
the open tasks the delegation routed to the delegate. Routing records them as the delegate's
tasks held *on behalf of* the delegator (``runtime/assignment.py`` ``with_delegation``); a 委托
of one task (:class:`~gongwen.runtime.actions.delegate.Delegate`, ``data["delegated_by"]``)
is the delegator's own choice for that task and stays where it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongwen.definitions.models import DocumentType
from gongwen.errors import GongwenError, StateConflict
from gongwen.kernel.actions import Action, register
from gongwen.kernel.text import check_text
from gongwen.org.models import Delegation
from gongwen.runtime.actions.base import (
    ActionResult,
    announce,
    check_reason,
    is_person,
    object_id,
    require_person,
    stripped,
    translating,
)
from gongwen.runtime.engine.operations import lock_process
from gongwen.runtime.events import record
from gongwen.runtime.exceptions import Conflict, InvalidInput, NotFound, NotPermitted
from gongwen.runtime.models import OPEN_STATUSES, Task
from gongwen.runtime.secrecy import is_cleared

#: Audit codes: a delegation made, revoked, and one task given back by the revocation.
CREATE = "gongwen.delegation.create"
REVOKE = "gongwen.delegation.revoke"
GIVE_BACK = "gongwen.delegation.give_back"
#: The note of a delegate whose clearance is below the delegator's (they do not stand in on
#: matters above their own clearance: the delegator keeps those, see runtime/assignment.py).
BELOW_CLEARANCE = "delegate_below_clearance"
MAX_REASON_LENGTH = Delegation._meta.get_field("reason").max_length
MAX_SCOPE_LENGTH = Delegation._meta.get_field("scope").max_length


class OverlappingDelegation(StateConflict):
    """The delegator already has a delegation of the same matters over part of the period."""

    code = "delegation.overlap"


@dataclass
class DelegationResult:
    """What a delegation action did: the delegation, the tasks given back or kept, notes."""

    delegation_id: int
    given_back: list[int] = field(default_factory=list)
    kept: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _moment(value: Any, pointer: str) -> datetime:
    if not isinstance(value, datetime) or timezone.is_naive(value):
        raise InvalidInput(_("Give a date and time with its time zone."), pointer=pointer)
    return value


def _refusal(error: ValidationError) -> GongwenError:
    """Return the GongwenError for the model's own check (``Delegation.clean``)."""
    by_field = error.error_dict if hasattr(error, "error_dict") else {"": error.error_list}
    for name, errors in by_field.items():
        first = errors[0]
        message = first.message % first.params if first.params else first.message
        if first.code == "overlapping_delegation":
            return OverlappingDelegation(message, pointer="/starts_at")
        return InvalidInput(message, pointer=f"/{name}" if name else "")
    return InvalidInput()  # pragma: no cover - a ValidationError always has an error


@register
class CreateDelegation(Action):
    """Let ``delegate`` act for ``delegator`` from ``starts_at`` until ``ends_at``.

    The delegator does this for themselves; someone else needs the permission to manage
    delegations (``org.add_delegation``; administrators have it). ``scope`` is a document type
    key, or ``""`` for all matters.
    """

    audit_action = CREATE

    def __init__(
        self,
        actor: Any,
        *,
        delegator: Any,
        delegate: Any,
        starts_at: Any,
        ends_at: Any,
        scope: Any = "",
        reason: Any = "",
    ) -> None:
        self.actor = actor
        self.delegator = delegator
        self.delegate = delegate
        self.starts_at = starts_at
        self.ends_at = ends_at
        self.scope = stripped(scope)
        self.reason = stripped(reason)

    def check(self) -> None:
        """Raise a GongwenError unless the delegation can be made as given; change nothing."""
        translating(self._validate)

    def run(self) -> DelegationResult:
        """Create the delegation (overlap checked again under a lock) and audit it."""
        self._validate()
        delegation = self._candidate()
        try:
            delegation.save()  # locks the delegator and re-checks the overlap: no racing twins
        except ValidationError as error:
            raise _refusal(error) from error
        notes = [BELOW_CLEARANCE] if self.delegate.clearance < self.delegator.clearance else []
        _audit(
            CREATE,
            self.actor,
            delegation,
            delegator_clearance=int(self.delegator.clearance),
            delegate_clearance=int(self.delegate.clearance),
            notes=notes,
        )
        return DelegationResult(delegation.pk, notes=notes)

    def _validate(self) -> None:
        actor = require_person(self.actor)
        if not is_person(self.delegator):
            raise InvalidInput(_("Choose an active person."), pointer="/delegator")
        if actor.pk != self.delegator.pk and not actor.has_perm("org.add_delegation"):
            raise NotPermitted()
        if not is_person(self.delegate):
            raise InvalidInput(_("Choose an active person to delegate to."), pointer="/delegate")
        _moment(self.starts_at, "/starts_at")
        if _moment(self.ends_at, "/ends_at") <= timezone.now():
            raise InvalidInput(_("A delegation must not end in the past."), pointer="/ends_at")
        check_text(self.scope, "/scope", MAX_SCOPE_LENGTH, error=InvalidInput)
        if self.scope and not DocumentType.objects.filter(key=self.scope).exists():
            raise InvalidInput(_("Unknown document type."), pointer="/scope")
        check_reason(self.reason, MAX_REASON_LENGTH)
        try:
            self._candidate().clean()  # to oneself, an empty period, an overlap
        except ValidationError as error:
            raise _refusal(error) from error

    def _candidate(self) -> Delegation:
        return Delegation(
            delegator=self.delegator,
            delegate=self.delegate,
            starts_at=self.starts_at,
            ends_at=self.ends_at,
            scope=self.scope,
            reason=self.reason,
        )


@register
class RevokeDelegation(Action):
    """End ``delegation`` now and give the delegator back the tasks it routed to the delegate.

    The delegator or someone who may manage delegations (``org.change_delegation``) revokes.
    Given back: the open tasks of running processes the delegate holds on the delegator's
    behalf, in the delegation's scope, except a 委托 of one task — one trace row each
    (``gongwen.delegation.give_back``), in the same transaction. A task whose process is now
    above the delegator's clearance stays with the delegate (``kept``).
    """

    audit_action = REVOKE

    def __init__(self, delegation: Delegation | int, actor: Any, *, reason: Any = "") -> None:
        self.delegation_id = delegation.pk if isinstance(delegation, Delegation) else delegation
        self.actor = actor
        self.reason = stripped(reason)

    def check(self) -> None:
        """Raise a GongwenError unless the delegation may be revoked now; change nothing."""
        translating(lambda: self._validate(self._load()))

    def run(self) -> DelegationResult:
        """Revoke, give the routed tasks back (processes locked in id order), audit."""
        delegation = self._load(lock=True)
        self._validate(delegation)
        delegation.revoked_at = timezone.now()
        Delegation.objects.filter(pk=delegation.pk).update(revoked_at=delegation.revoked_at)
        result = DelegationResult(delegation.pk)
        for process_id in sorted(set(routed_tasks(delegation).values_list("process", flat=True))):
            lock_process(process_id)
            opened = self._give_back(delegation, routed_tasks(delegation, process_id), result)
            if opened:
                announce(type(self), ActionResult(process_id, opened, "given_back"), REVOKE)
        _audit(
            REVOKE,
            self.actor,
            delegation,
            revoke_reason=self.reason,
            given_back=result.given_back,
            kept=result.kept,
        )
        return result

    def _give_back(self, delegation: Delegation, tasks: QuerySet, result: Any) -> list[int]:
        """Give ``tasks`` (of one locked process) back to the delegator; return their ids."""
        given = []
        for task in tasks.select_related("process"):
            if not is_cleared(delegation.delegator, task.process):
                result.kept.append(task.pk)
                continue
            task.owner_id, task.on_behalf_of_id = delegation.delegator_id, None
            task.save(update_fields=["owner", "on_behalf_of"])
            record(
                GIVE_BACK,
                process=task.process,
                task=task,
                actor=self.actor,
                opinion=self.reason,
                payload={
                    "from": delegation.delegate_id,
                    "to": delegation.delegator_id,
                    "delegation": delegation.pk,
                },
            )
            given.append(task.pk)
        result.given_back.extend(given)
        return given

    def _load(self, *, lock: bool = False) -> Delegation:
        pk = object_id(self.delegation_id, "/delegation", Delegation)
        rows = Delegation.objects.select_related("delegator", "delegate")
        if lock:
            rows = rows.select_for_update(of=("self",))
        try:
            return rows.get(pk=pk)
        except Delegation.DoesNotExist:
            raise NotFound(pointer="/delegation") from None

    def _validate(self, delegation: Delegation) -> None:
        actor = require_person(self.actor)
        if actor.pk != delegation.delegator_id and not actor.has_perm("org.change_delegation"):
            raise NotPermitted()
        check_reason(self.reason, MAX_REASON_LENGTH)
        if delegation.revoked_at is not None:
            raise Conflict(_("This delegation has been revoked already."))
        if delegation.ends_at <= timezone.now():
            raise Conflict(_("This delegation has ended already."))


def routed_tasks(delegation: Delegation, process_id: int | None = None) -> QuerySet:
    """Return the open tasks ``delegation`` routed to its delegate, in id order.

    Held by the delegate on the delegator's behalf, of a running process in the delegation's
    scope, not a 委托 of one task (``delegated_by``). Tasks left with the delegate by an
    earlier delegation between the same two people that has since ended count too: they are
    the delegator's work all the same.
    """
    tasks = Task.objects.filter(
        owner_id=delegation.delegate_id,
        on_behalf_of_id=delegation.delegator_id,
        status__in=OPEN_STATUSES,
        process__finished__isnull=True,
    ).exclude(data__has_key="delegated_by")
    if delegation.scope:
        tasks = tasks.filter(process__definition_key=delegation.scope)
    if process_id is not None:
        tasks = tasks.filter(process_id=process_id)
    return tasks.order_by("pk")


def _audit(action: str, actor: Any, delegation: Delegation, **facts: Any) -> None:
    from gongwen.audit import record as audit_record

    payload = {
        "delegator": delegation.delegator_id,
        "delegate": delegation.delegate_id,
        "starts_at": delegation.starts_at.isoformat(),
        "ends_at": delegation.ends_at.isoformat(),
        "scope": delegation.scope,
        "reason": delegation.reason,
        **facts,
    }
    audit_record(action, actor=actor, target=delegation, payload=payload)

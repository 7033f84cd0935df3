"""Record an audit event in the caller's transaction, chained to the one before it.

Cost per event, whatever the length of the chain: lock the head row and insert the event — two
statements (plus ``BEGIN``/``COMMIT`` when the caller has no transaction); the insert's trigger
(migration 0003) moves the head in the same statement.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongwen.audit.chain import GENESIS_HASH, event_hash
from gongwen.audit.exceptions import InvalidAuditEvent
from gongwen.audit.models import ACTION_PATTERN, AuditChainHead, AuditEvent
from gongwen.audit.payloads import normalise_payload
from gongwen.audit.requests import current_origin, request_origin
from gongwen.audit.targets import Target, target_key

_ACTION = re.compile(ACTION_PATTERN)
MAX_ACTION_LENGTH = 100


def record(
    action: str,
    *,
    actor: Any | None,
    target: Target = None,
    payload: dict[str, Any] | None = None,
    on_behalf_of: Any | None = None,
    request: Any | None = None,
    using: str = "default",
) -> AuditEvent:
    """Append one event to the audit chain and return it.

    Call it inside the transaction of the action it records, so both commit or neither does;
    with no transaction open it opens one. Concurrent writers queue on the head row's lock,
    so ``seq`` has no gaps and the chain never forks. The head stays locked until the caller
    commits: make this the action's last write, after its other row locks.

    Args:
        action: dotted lower-case name, e.g. ``gongwen.task.approve``.
        actor: the user who acted, or ``None`` for the system.
        target: what it was done to: a saved model instance, ``(type, id)`` or ``None``.
        payload: small JSON facts (see :mod:`gongwen.audit.payloads` for the rules).
        on_behalf_of: the user the actor stood in for (委托), if any.
        request: the HTTP request, for the client address and user agent (default: the
            request being served, see :func:`gongwen.audit.requests.acting_from`).
        using: the database alias.

    Raises:
        InvalidAuditEvent: bad action, target, payload or users; nothing is written.
    """
    facts = _facts(action, actor, target, payload, on_behalf_of, request)
    with transaction.atomic(using=using, savepoint=False):
        head = _locked_head(using)
        event = AuditEvent(seq=head.seq + 1, at=timezone.now(), prev_hash=head.hash, **facts)
        event.hash = event_hash(
            seq=event.seq,
            at=event.at,
            actor_id=event.actor_id,
            on_behalf_of_id=event.on_behalf_of_id,
            action=event.action,
            target_type=event.target_type,
            target_id=event.target_id,
            payload=event.payload,
            prev_hash=event.prev_hash,
            remote_addr=event.remote_addr,
            user_agent=event.user_agent,
        )
        event._chained = True
        event.save(using=using)  # the AFTER INSERT trigger moves the head to this event
    return event


def _facts(
    action: str, actor: Any, target: Target, payload: Any, on_behalf_of: Any, request: Any
) -> dict[str, Any]:
    if not isinstance(action, str) or len(action) > MAX_ACTION_LENGTH:
        raise InvalidAuditEvent(f"audit action must be a str of at most {MAX_ACTION_LENGTH}")
    if not _ACTION.fullmatch(action):
        raise InvalidAuditEvent(
            f"audit action {action!r} must be a dotted lower-case name like gongwen.task.approve"
        )
    target_type, target_id = target_key(target)
    remote_addr, user_agent = request_origin(request) if request else current_origin()
    return {
        "action": action,
        "actor": _saved_user(actor, "actor"),
        "on_behalf_of": _saved_user(on_behalf_of, "on_behalf_of"),
        "target_type": target_type,
        "target_id": target_id,
        "payload": normalise_payload(payload),
        "remote_addr": remote_addr,
        "user_agent": user_agent,
    }


def _saved_user(user: Any, role: str) -> Any:
    if user is None or getattr(user, "is_anonymous", False):
        return None
    if getattr(user, "pk", None) is None:
        raise InvalidAuditEvent(f"audit {role} must be a saved user or None")
    return user


def _locked_head(using: str) -> AuditChainHead:
    """Return the head row locked for this transaction, creating it from the chain if absent."""
    heads = AuditChainHead.objects.using(using).select_for_update()
    head = next(iter(heads.filter(pk=AuditChainHead.SINGLETON).order_by()), None)
    if head is not None:
        return head
    # First event ever (or the head row was lost): rebuild it from the last event. Racing
    # creators insert the same row; ON CONFLICT DO NOTHING lets the loser take the lock.
    last = AuditEvent.objects.using(using).order_by("-seq").values("seq", "hash").first()
    seed = last or {"seq": 0, "hash": GENESIS_HASH}
    AuditChainHead.objects.using(using).bulk_create(
        [AuditChainHead(pk=AuditChainHead.SINGLETON, **seed)], ignore_conflicts=True
    )
    return heads.get(pk=AuditChainHead.SINGLETON)

"""Record an audit event in the caller's transaction, chained to the one before it.

One statement per event, whatever the length of the chain: ``INSERT … SELECT … FROM`` the head
row (locked ``FOR UPDATE`` on PostgreSQL) computes the event's ``seq``, ``prev_hash`` and hash
in the database, and the insert's trigger (migration 0003) moves the head in the same statement.
The head is the one row every action in the installation locks, so it is locked as late as
possible: inside :func:`deferred` (the kernel's :func:`~gongwen.kernel.transactions.atomically`
opens it around every action), ``record()`` validates and hashes the event's facts at once and
writes it when the action's work is done, just before COMMIT. The lock is then held for the
insert and the commit only (ADR 0003).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from gongwen.audit.chain import DIGEST_FACTS, GENESIS_HASH, LINKED_FORMAT, content_digest
from gongwen.audit.exceptions import InvalidAuditEvent
from gongwen.audit.models import ACTION_PATTERN, AuditChainHead, AuditEvent
from gongwen.audit.payloads import normalise_payload
from gongwen.audit.requests import current_origin, request_origin
from gongwen.audit.targets import Target, target_key

_ACTION = re.compile(ACTION_PATTERN)
MAX_ACTION_LENGTH = 100

#: The columns the writer gives; ``seq``, ``prev_hash`` and ``hash`` come from the head.
_GIVEN = DIGEST_FACTS
#: How each database computes ``sha256(text)`` as lower-case hex.
_SHA256 = {
    "postgresql": "encode(sha256(convert_to({}, 'UTF8')), 'hex')",
    "sqlite": "SHA256({})",  # registered on every SQLite connection by Django
}
#: Lock the head row for the insert (SQLite has one writer at a time and no FOR UPDATE).
_LOCK = {"postgresql": " FOR UPDATE", "sqlite": ""}
_statements: dict[str, str] = {}
_scopes = threading.local()


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
    so ``seq`` has no gaps and the chain never forks. Inside :func:`deferred` the event is
    written when the scope ends (its ``seq``, ``prev_hash`` and ``hash`` are filled in on the
    returned instance then); outside, at once, and the head stays locked until the caller
    commits.

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
    event = AuditEvent(
        at=timezone.now(), **_facts(action, actor, target, payload, on_behalf_of, request)
    )
    connection = connections[using]
    scope = _open_scope(using)
    if scope is not None and connection.in_atomic_block:
        scope.add(event)
        return event
    with transaction.atomic(using=using, savepoint=False):
        _insert(connection, event)
    return event


@dataclass
class _Scope:
    """Events recorded in one :func:`deferred` scope, each with its rollback marker."""

    events: list[tuple[AuditEvent, Any]] = field(default_factory=list)

    def add(self, event: AuditEvent) -> None:
        # A no-op commit callback marks the event: Django drops the callbacks registered
        # inside a savepoint that is rolled back, so a missing marker means "rolled back".
        def marker() -> None:
            return None

        transaction.on_commit(marker)
        self.events.append((event, marker))

    def surviving(self, connection: BaseDatabaseWrapper) -> list[AuditEvent]:
        alive = {id(callback) for _, callback, *_ in connection.run_on_commit}
        return [event for event, marker in self.events if id(marker) in alive]


@contextmanager
def deferred(using: str = "default") -> Iterator[None]:
    """Write the events recorded in the enclosed block at its end, in order, after its work.

    Use it inside the action's transaction (``with transaction.atomic(): with deferred():``)
    so the head row is locked only from the end of the work to COMMIT. Events recorded in a
    savepoint that was rolled back are not written; if the block raises, none is. Nested
    scopes hand their events to the outermost one.
    """
    stack = _stack(using)
    scope = _Scope()
    stack.append(scope)
    try:
        yield
    finally:
        stack.pop()
    # Reached only when the block did not raise.
    if stack:
        stack[-1].events.extend(scope.events)
        return
    connection = connections[using]
    for event in scope.surviving(connection):
        _insert(connection, event)


def _stack(using: str) -> list[_Scope]:
    stacks = _scopes.__dict__.setdefault("stacks", {})
    return stacks.setdefault(using, [])


def _open_scope(using: str) -> _Scope | None:
    stack = _stack(using)
    return stack[-1] if stack else None


def _insert(connection: BaseDatabaseWrapper, event: AuditEvent) -> None:
    """Write ``event`` linked to the head in one statement; fill in its place and hash."""
    digest = content_digest(**{name: getattr(event, name) for name in _GIVEN})
    params = [
        AuditEvent._meta.get_field(name).get_db_prep_save(getattr(event, name), connection)
        for name in _GIVEN
    ]
    params += [LINKED_FORMAT, digest]
    with connection.cursor() as cursor:
        cursor.execute(_statement(connection), params)
        row = cursor.fetchone()
        if row is None:  # no head row yet (first event ever, or the row was lost)
            _create_head(connection.alias)
            cursor.execute(_statement(connection), params)
            row = cursor.fetchone()
    event.pk, event.seq, event.prev_hash, event.hash = row
    event._state.adding = False
    event._state.db = connection.alias


def _statement(connection: BaseDatabaseWrapper) -> str:
    """Return the INSERT … SELECT that links an event to the head (built once per database)."""
    vendor = connection.vendor
    if vendor not in _statements:
        if vendor not in _SHA256:
            raise InvalidAuditEvent(f"the audit chain does not support {vendor}")
        quote = connection.ops.quote_name
        events, head = AuditEvent._meta.db_table, AuditChainHead._meta.db_table
        given = [AuditEvent._meta.get_field(name).column for name in _GIVEN]
        columns = ", ".join(quote(c) for c in [*given, "seq", "prev_hash", "hash"])
        # The link text is format|seq|prev_hash|digest (gongwen.audit.chain.link_text).
        text = "CAST(%s AS text) || '|' || (h.seq + 1) || '|' || h.hash || '|' || %s"
        _statements[vendor] = (
            f"INSERT INTO {quote(events)} ({columns}) "  # noqa: S608 - names, not values
            f"SELECT {_placeholders(connection)}, h.seq + 1, h.hash, "
            f"{_SHA256[vendor].format(text)} "
            f"FROM {quote(head)} h WHERE h.id = {AuditChainHead.SINGLETON}{_LOCK[vendor]} "
            f"RETURNING {quote('id')}, {quote('seq')}, {quote('prev_hash')}, {quote('hash')}"
        )
    return _statements[vendor]


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


def _placeholders(connection: BaseDatabaseWrapper) -> str:
    """Return the given columns' placeholders, typed on PostgreSQL (it binds on the server)."""
    if connection.vendor != "postgresql":
        return ", ".join(["%s"] * len(_GIVEN))
    fields = [AuditEvent._meta.get_field(name) for name in _GIVEN]
    return ", ".join(f"CAST(%s AS {f.db_type(connection)})" for f in fields)


def _create_head(using: str) -> None:
    """Create the head row from the last event (racing creators: the loser's insert is ignored)."""
    last = AuditEvent.objects.using(using).order_by("-seq").values("seq", "hash").first()
    seed = last or {"seq": 0, "hash": GENESIS_HASH}
    AuditChainHead.objects.using(using).bulk_create(
        [AuditChainHead(pk=AuditChainHead.SINGLETON, **seed)], ignore_conflicts=True
    )

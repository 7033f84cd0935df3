"""The hash chain: the canonical serialisation of an event and its SHA-256 link.

An event's hash covers every recorded fact about it and the hash of the event before it, so
changing, removing or reordering any event breaks every link after it. The serialisation is a
versioned JSON array with sorted keys and no insignificant whitespace, encoded as UTF-8; the
time is UTC ISO 8601 with microseconds. Changing this format means a new ``FORMAT`` tag and a
verifier that knows both (events already written keep the format they were hashed with).

Two formats exist. ``gongwen-audit-1`` (:func:`event_hash`) hashes every fact with ``seq`` and
``prev_hash`` in one array, so the writer had to read the head before hashing. Events written
now use ``gongwen-audit-2``: the writer hashes the event's own facts (:func:`content_digest`)
and the database links it in the insert, ``sha256("gongwen-audit-2|seq|prev_hash|digest")``
(:func:`link_hash`), with no round trip between reading the head and writing the event (ADR
0003). The verifier accepts either format per event; both cover the same facts.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

FORMAT = "gongwen-audit-1"
GENESIS_HASH = "0" * 64


def canonical_json(value: Any) -> str:
    """Return ``value`` as canonical JSON: sorted keys, compact separators, real Unicode."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def canonical_time(at: datetime) -> str:
    """Return ``at`` as UTC ISO 8601 with microseconds (naive times are refused)."""
    if at.tzinfo is None:
        raise ValueError("audit times must be timezone-aware")
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def event_hash(
    *,
    seq: int,
    at: datetime,
    actor_id: int | None,
    on_behalf_of_id: int | None,
    action: str,
    target_type: str,
    target_id: str,
    payload: Any,
    prev_hash: str,
    remote_addr: str,
    user_agent: str,
) -> str:
    """Return the SHA-256 hex digest that links an event with these facts to the chain."""
    facts = [
        FORMAT,
        seq,
        canonical_time(at),
        actor_id,
        on_behalf_of_id,
        action,
        target_type,
        target_id,
        payload,
        prev_hash,
        remote_addr,
        user_agent,
    ]
    return hashlib.sha256(canonical_json(facts).encode("utf-8")).hexdigest()


#: The format of events linked by the database (see :func:`link_hash`).
LINKED_FORMAT = "gongwen-audit-2"


#: An event's own facts, in the order :func:`content_digest` hashes them.
DIGEST_FACTS = (
    "at",
    "actor_id",
    "on_behalf_of_id",
    "action",
    "target_type",
    "target_id",
    "payload",
    "remote_addr",
    "user_agent",
)


def content_digest(**facts: Any) -> str:
    """Return the SHA-256 hex digest of an event's own facts (everything but its place).

    Takes exactly the :data:`DIGEST_FACTS` as keywords. The writer computes it before it knows
    the event's ``seq`` and ``prev_hash``, so the database can link the event in the insert
    itself (:func:`link_hash`).
    """
    if set(facts) != set(DIGEST_FACTS):
        raise TypeError(f"content_digest takes exactly {', '.join(DIGEST_FACTS)}")
    values = [canonical_time(facts["at"]), *(facts[name] for name in DIGEST_FACTS[1:])]
    return hashlib.sha256(canonical_json([LINKED_FORMAT, *values]).encode("utf-8")).hexdigest()


def link_text(seq: int, prev_hash: str, digest: str) -> str:
    """Return the text whose SHA-256 is the event's hash: ``format|seq|prev_hash|digest``.

    ASCII only, so the database computes the same bytes (``recording.py`` builds the same
    text in SQL: ``sha256(convert_to(…, 'UTF8'))`` on PostgreSQL, Django's ``SHA256`` on SQLite).
    """
    return f"{LINKED_FORMAT}|{seq}|{prev_hash}|{digest}"


def link_hash(*, seq: int, prev_hash: str, digest: str) -> str:
    """Return the hash that links an event (its content ``digest``) after ``prev_hash``."""
    return hashlib.sha256(link_text(seq, prev_hash, digest).encode("ascii")).hexdigest()


def linked_event_hash(*, seq: int, prev_hash: str, **facts: Any) -> str:
    """Return an event's hash in the linked format from all its facts (what the verifier does)."""
    return link_hash(seq=seq, prev_hash=prev_hash, digest=content_digest(**facts))

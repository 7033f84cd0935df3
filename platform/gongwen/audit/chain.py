"""The hash chain: the canonical serialisation of an event and its SHA-256 link.

An event's hash covers every recorded fact about it and the hash of the event before it, so
changing, removing or reordering any event breaks every link after it. The serialisation is a
versioned JSON array with sorted keys and no insignificant whitespace, encoded as UTF-8; the
time is UTC ISO 8601 with microseconds. Changing this format means a new ``FORMAT`` tag and a
verifier that knows both (events already written keep the format they were hashed with).
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

"""Payload rules: small, exact JSON that reads back from any database exactly as written.

PostgreSQL's ``jsonb`` rewrites numbers (``1e+16`` comes back as an integer), refuses NUL
characters and drops duplicate keys, so a payload is normalised and checked *before* it is
hashed: only objects with string keys, arrays, strings, integers, booleans and null; no floats
(write amounts as strings or integers of the smallest unit); bounded in size and depth.
"""

from __future__ import annotations

import json
from typing import Any

from gongwen.audit.chain import canonical_json
from gongwen.audit.exceptions import InvalidAuditEvent

MAX_PAYLOAD_BYTES = 16 * 1024
MAX_PAYLOAD_DEPTH = 8
# JavaScript, JSON tools and PostgreSQL numeric all agree on integers in this range.
MAX_SAFE_INTEGER = 2**53 - 1


def normalise_payload(payload: Any) -> dict[str, Any]:
    """Return ``payload`` as the plain JSON object that will be stored and hashed.

    Raises:
        InvalidAuditEvent: the payload is not a JSON object of the allowed kinds, is nested
            deeper than :data:`MAX_PAYLOAD_DEPTH` or is larger than :data:`MAX_PAYLOAD_BYTES`.
    """
    if payload is None:
        return {}
    if not isinstance(payload, dict):
        raise InvalidAuditEvent(f"audit payload must be a dict, not {type(payload).__name__}")
    _check(payload, "", 0)
    text = canonical_json(payload)
    size = len(text.encode("utf-8"))
    if size > MAX_PAYLOAD_BYTES:
        raise InvalidAuditEvent(
            f"audit payload is {size} bytes as JSON; the limit is {MAX_PAYLOAD_BYTES}"
        )
    return json.loads(text)


def _check(value: Any, pointer: str, depth: int) -> None:
    """Raise :class:`InvalidAuditEvent` naming the JSON Pointer of the first bad value."""
    if depth > MAX_PAYLOAD_DEPTH:
        raise InvalidAuditEvent(f"audit payload deeper than {MAX_PAYLOAD_DEPTH} at {pointer}")
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise InvalidAuditEvent(f"audit payload key {key!r} at {pointer or '/'} not a str")
            _check_text(key, pointer)
            _check(item, f"{pointer}/{_escape(key)}", depth + 1)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _check(item, f"{pointer}/{index}", depth + 1)
    elif isinstance(value, str):
        _check_text(value, pointer)
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, int):
        if abs(value) > MAX_SAFE_INTEGER:
            raise InvalidAuditEvent(f"audit payload integer at {pointer} is beyond ±(2**53 - 1)")
    else:
        raise InvalidAuditEvent(
            f"audit payload value at {pointer or '/'} is a {type(value).__name__}; use str, int, "
            "bool, None, list or dict (write decimals as strings)"
        )


def _check_text(text: str, pointer: str) -> None:
    if "\x00" in text:
        raise InvalidAuditEvent(f"audit payload text at {pointer or '/'} contains a NUL character")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidAuditEvent(f"audit payload text at {pointer or '/'} is not Unicode") from exc


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")

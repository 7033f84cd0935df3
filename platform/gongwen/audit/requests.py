"""Where an action came from: the client address and user agent of a request.

The web and API layers run each request inside :func:`acting_from` (the
:class:`~gongwen.audit.middleware.RequestOriginMiddleware` does), so whatever the request
does — an action deep in the runtime included — is recorded with its origin without passing the
request down. Outside a request (the background worker, management commands) the origin is
empty: the system acted.
"""

from __future__ import annotations

import ipaddress
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

MAX_USER_AGENT = 300

_current: ContextVar[tuple[str, str]] = ContextVar("gongwen_request_origin", default=("", ""))


@contextmanager
def acting_from(request: Any | None) -> Iterator[tuple[str, str]]:
    """Make ``request``'s origin the current one inside the ``with`` block."""
    token = _current.set(request_origin(request))
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def current_origin() -> tuple[str, str]:
    """Return ``(remote_addr, user_agent)`` of the request being served (``("", "")``: none)."""
    return _current.get()


def request_origin(request: Any | None) -> tuple[str, str]:
    """Return ``(remote_addr, user_agent)`` from a Django request (``("", "")`` if none).

    The address is ``REMOTE_ADDR`` in its normal form, never ``X-Forwarded-For`` (a client
    can write that header); behind a reverse proxy, have the proxy or a trusted middleware set
    ``REMOTE_ADDR``. The user agent loses control characters and is cut to 300 characters.
    """
    if request is None:
        return "", ""
    meta = getattr(request, "META", {}) or {}
    return _address(meta.get("REMOTE_ADDR")), _user_agent(meta.get("HTTP_USER_AGENT"))


def _address(value: Any) -> str:
    try:
        return str(ipaddress.ip_address(str(value).strip()))
    except ValueError:
        return ""


def _user_agent(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    printable = "".join(c for c in value if unicodedata.category(c)[0] != "C")
    return printable[:MAX_USER_AGENT]

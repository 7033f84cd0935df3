"""Where an action came from: the client address and user agent of a request."""

from __future__ import annotations

import ipaddress
import unicodedata
from typing import Any

MAX_USER_AGENT = 300


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

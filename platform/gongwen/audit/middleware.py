"""Serve each request inside :func:`gongwen.audit.requests.acting_from`: actions record it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gongwen.audit.requests import acting_from


class RequestOriginMiddleware:
    """Make the request's client address and user agent the origin of what it records."""

    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        """Serve ``request`` with its origin current."""
        with acting_from(request):
            return self.get_response(request)

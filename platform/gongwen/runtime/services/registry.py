"""The typed registry of service hooks: name → callable taking a :class:`ServiceCall`."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")


@dataclass(frozen=True)
class ServiceCall:
    """What a service hook is told: the process, the step, its params and the form data.

    ``attempt`` counts from 1. The hook runs inside the worker's transaction (in a savepoint):
    it may write rows; an exception rolls its writes back and counts as a failed attempt.
    """

    process_id: int
    task_id: int
    node_id: str
    params: Mapping[str, Any]
    data: Mapping[str, Any]
    attempt: int


#: A hook: returns a small JSON-serialisable dict (kept on the task as its result) or ``None``.
ServiceHandler = Callable[[ServiceCall], "dict[str, Any] | None"]


class ServiceRegistry:
    """Service hooks by dotted lower-case name; registering a name twice is an error."""

    def __init__(self) -> None:
        self._handlers: dict[str, ServiceHandler] = {}

    def register(self, name: str, handler: ServiceHandler) -> None:
        """Register ``handler`` under ``name``.

        Raises:
            ValueError: the name is malformed or already taken.
        """
        if not isinstance(name, str) or not _NAME.match(name):
            raise ValueError(f"Bad service handler name {name!r}.")
        if name in self._handlers:
            raise ValueError(f"Service handler {name!r} is already registered.")
        if not callable(handler):
            raise ValueError(f"Service handler {name!r} is not callable.")
        self._handlers[name] = handler

    def unregister(self, name: str) -> None:
        """Remove ``name`` (for tests and plugin unloading); unknown names are ignored."""
        self._handlers.pop(name, None)

    def get(self, name: str) -> ServiceHandler | None:
        """Return the handler registered as ``name``, or ``None``."""
        return self._handlers.get(name)

    def names(self) -> list[str]:
        """Return the registered names, sorted."""
        return sorted(self._handlers)


service_handlers = ServiceRegistry()

"""The typed registry of resolvers: a name → a callable; duplicates and misses fail loudly."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import Any

from gongwen.definitions.specs import AssigneeSpec
from gongwen.runtime.assignees.context import AssigneeContext
from gongwen.runtime.exceptions import UnknownAssigneeRule

#: ``resolver(params, context) -> people`` (active users, in a stable order).
Resolver = Callable[[Mapping[str, Any], AssigneeContext], list[Any]]


class ResolverRegistry:
    """Resolvers by rule name."""

    def __init__(self) -> None:
        self._resolvers: dict[str, Resolver] = {}
        self._lock = threading.Lock()

    def register(self, name: str, resolver: Resolver | None = None) -> Any:
        """Register ``resolver`` under ``name`` (usable as a decorator); refuse a taken name."""

        def add(func: Resolver) -> Resolver:
            with self._lock:
                if name in self._resolvers:
                    raise ValueError(f"assignee resolver {name!r} is already registered")
                self._resolvers[name] = func
            return func

        return add(resolver) if resolver is not None else add

    def unregister(self, name: str) -> None:
        """Remove the resolver ``name`` (tests, plugin unloading)."""
        with self._lock:
            self._resolvers.pop(name)

    def get(self, name: str) -> Resolver:
        """Return the resolver for ``name`` or raise :class:`UnknownAssigneeRule`."""
        try:
            return self._resolvers[name]
        except KeyError:
            raise UnknownAssigneeRule(rule=name) from None

    def names(self) -> list[str]:
        """Return the registered rule names."""
        return list(self._resolvers)


resolvers = ResolverRegistry()


def resolve(spec: AssigneeSpec, context: AssigneeContext) -> list[Any]:
    """Return the people ``spec`` names in ``context``, without duplicates, in order."""
    from gongwen.runtime.assignees import builtin  # noqa: F401  (registers the built-in rules)

    people = resolvers.get(spec.rule)(spec.params, context)
    seen: dict[int, Any] = {}
    for person in people:
        if person is not None and person.is_active:
            seen.setdefault(person.pk, person)
    return list(seen.values())

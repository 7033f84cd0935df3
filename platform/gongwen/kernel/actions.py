"""Actions: every change of domain state, ``check()`` then ``execute()``, by a stable code.

An action class sets ``audit_action`` — its stable dotted code (``gongwen.task.approve``), also
the name of the audit event it writes — and is registered with :func:`register` so pages, the
API and tests can enumerate and call every action by code. ``check()`` is read-only and raises
the :class:`~gongwen.errors.GongwenError` saying why not; ``execute()`` runs in one transaction
(:func:`~gongwen.kernel.transactions.atomically`) and returns what it did.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from gongwen.kernel.transactions import atomically


class Action:
    """Base of every action: ``check()`` read-only, ``execute()`` in one transaction."""

    audit_action: ClassVar[str] = ""

    def check(self) -> None:
        """Raise a :class:`~gongwen.errors.GongwenError` if the action cannot run now."""
        raise NotImplementedError

    def execute(self) -> Any:
        """Run the action in one transaction and return its result."""
        return atomically(self.run)

    def run(self) -> Any:
        """Check and apply, inside the transaction :meth:`execute` opened."""
        raise NotImplementedError


A = TypeVar("A", bound=type)

_registry: dict[str, type] = {}


def register(action: A) -> A:
    """Register ``action`` under its ``audit_action`` code; a duplicate or blank code fails."""
    code = getattr(action, "audit_action", "")
    if not code or code.count(".") < 2:
        raise ValueError(f"{action.__name__} has no dotted audit_action code")
    known = _registry.get(code)
    if known is not None and known is not action:
        raise ValueError(f"action code {code!r} is already registered by {known.__name__}")
    _registry[code] = action
    return action


def registered() -> dict[str, type]:
    """Return every registered action by code (a copy)."""
    return dict(_registry)


def action_for(code: str) -> type:
    """Return the action registered under ``code``.

    Raises:
        KeyError: no action has that code.
    """
    return _registry[code]

"""Typed domain events, delivered inside the transaction of the action that publishes them.

A lower layer publishes (the runtime: a step approved, work sent back, a jump); an upper layer
subscribes explicitly at start-up (the documents layer: the 公文 follows its flow). A handler
runs synchronously, in the publisher's transaction: when it raises, the action is refused and
everything rolls back. This replaces ``post_save`` receivers as control flow (they fire for
every save, from anywhere, and are invisible where the change is made).

Handlers are found by the event's class and its bases, so one subscription to a base class
receives every kind of it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

E = TypeVar("E")

_handlers: dict[type, list[Callable[[Any], None]]] = {}


def subscribe(event_type: type[E], handler: Callable[[E], None]) -> None:
    """Call ``handler(event)`` for every published event of ``event_type`` (or a subclass).

    Subscribing the same handler twice to one type keeps one subscription.
    """
    handlers = _handlers.setdefault(event_type, [])
    if handler not in handlers:
        handlers.append(handler)


def unsubscribe(event_type: type, handler: Callable[[Any], None]) -> None:
    """Remove ``handler`` from ``event_type`` (tests, plugin unloading); no error if absent."""
    handlers = _handlers.get(event_type, [])
    if handler in handlers:
        handlers.remove(handler)


def publish(event: object) -> None:
    """Deliver ``event`` to every handler of its class and bases, most specific first."""
    for kind in type(event).__mro__:
        for handler in list(_handlers.get(kind, ())):
            handler(event)

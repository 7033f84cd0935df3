"""Automatic steps: cc (抄送/传阅) and the node-type registry for the 公文 steps.

The documents layer (above the runtime) gives number / seal / dispatch / archive their meaning
by registering a handler at start-up::

    from gongwen.runtime.steps import step_handlers
    step_handlers.register("number", assign_document_number)

A handler gets a :class:`StepContext` and runs inside the action's transaction. With nothing
registered for a type the step passes through, and its trace row says ``pass_through``.
Register with ``performed_by_person=True`` when someone does the step (a registrar numbers,
seals, dispatches): the node then becomes a person's task, assigned by its assignee rule, and
the handler runs when that person completes it (``approve``). Register at start-up (an
``AppConfig.ready``): a flow class is built once per version and keeps the shape it got.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gongwen.definitions.catalog import Category, types_where
from gongwen.definitions.specs import NodeSpec, NodeType
from gongwen.runtime.assignees import AssigneeContext, resolve
from gongwen.runtime.events import record
from gongwen.runtime.models import ReadItem


@dataclass(frozen=True)
class StepContext:
    """What a step handler works on."""

    node: NodeSpec
    process: Any
    task: Any


StepHandler = Callable[[StepContext], None]

#: The node types the registry may give meaning to (the catalog's 公文 steps).
DOCUMENT_STEPS = types_where(lambda kind: kind.category == Category.DOCUMENT)


class StepHandlerRegistry:
    """Handlers of the 公文 step types by type name; duplicates fail loudly."""

    def __init__(self) -> None:
        self._handlers: dict[str, StepHandler] = {}
        self._by_person: set[str] = set()
        self._lock = threading.Lock()

    def register(
        self, node_type: str, handler: StepHandler, *, performed_by_person: bool = False
    ) -> StepHandler:
        """Register ``handler`` for ``node_type``; refuse a type that already has one."""
        if node_type not in DOCUMENT_STEPS:
            raise ValueError(f"{node_type!r} is not a 公文 step type")
        with self._lock:
            if node_type in self._handlers:
                raise ValueError(f"a handler for node type {node_type!r} is already registered")
            self._handlers[node_type] = handler
            if performed_by_person:
                self._by_person.add(node_type)
        return handler

    def performed_by_person(self, node_type: str) -> bool:
        """Return whether a person does steps of ``node_type`` (then the handler runs after)."""
        return node_type in self._by_person

    def unregister(self, node_type: str) -> None:
        """Remove the handler of ``node_type`` (tests, plugin unloading)."""
        with self._lock:
            self._handlers.pop(node_type)
            self._by_person.discard(node_type)

    def get(self, node_type: str) -> StepHandler | None:
        """Return the handler of ``node_type``, or ``None``."""
        return self._handlers.get(node_type)


step_handlers = StepHandlerRegistry()


def run_step(node: NodeSpec, process: Any, task: Any) -> None:
    """Run the automatic step ``node`` for ``task`` and record it in the trace."""
    if node.type == NodeType.CC:
        readers = hand_out_copies(node, process, task)
        record("gongwen.node.cc", process=process, task=task, payload={"readers": readers})
        return
    handler = step_handlers.get(str(node.type))
    if handler is None:
        record("gongwen.node.pass_through", process=process, task=task)
        return
    handler(StepContext(node=node, process=process, task=task))
    record("gongwen.node.run", process=process, task=task, payload={"type": str(node.type)})


def run_person_step(node: NodeSpec, process: Any, task: Any) -> None:
    """Run the handler of a person-performed 公文 step as its person completes it."""
    handler = step_handlers.get(str(node.type))
    if handler is not None:
        handler(StepContext(node=node, process=process, task=task))


def hand_out_copies(node: NodeSpec, process: Any, task: Any) -> list[int]:
    """Create one unread 待阅 item per reader the cc node's rule names; return their ids."""
    found = resolve(node.assignee, AssigneeContext(process, node, task)) if node.assignee else []
    readers = [reader for reader in found if reader.clearance >= process.secrecy]  # 密级
    ReadItem.objects.bulk_create(
        ReadItem(process=process, node_id=node.id, user=reader) for reader in readers
    )
    return [reader.pk for reader in readers]

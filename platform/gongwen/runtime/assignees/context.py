"""What a resolver may look at: the process, the node, the step before."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from gongwen.definitions.specs import NodeSpec
from gongwen.org.models import Department
from gongwen.org.queries import primary_position


@dataclass
class AssigneeContext:
    """The facts an assignee rule is resolved against."""

    process: Any
    node: NodeSpec
    previous_task: Any = None

    @property
    def initiator(self) -> Any:
        """Return the person who started the process."""
        return self.process.initiator

    @cached_property
    def initiator_department(self) -> Department | None:
        """Return the department of the initiator's primary post (one query, cached)."""
        position = primary_position(self.initiator) if self.initiator else None
        return position.department if position else None

    def form_value(self, name: str) -> Any:
        """Return the value of form field ``name`` (``None`` if unset)."""
        return (self.process.data or {}).get(name)

    def chosen(self) -> list[str]:
        """Return the usernames chosen for this node (at start or by the previous step)."""
        return list((self.process.chosen or {}).get(self.node.id, []))

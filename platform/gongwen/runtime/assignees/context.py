"""What a resolver may look at: the process, the node, the step before."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db.models import QuerySet

from gongwen.definitions.specs import NodeSpec
from gongwen.org.models import Department, User
from gongwen.org.queries import primary_position, with_delegate_ids


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

    def people(self, users: QuerySet[User]) -> list[User]:
        """Evaluate ``users`` with who stands in for each (委托) in the same query.

        The assignment planner reads the annotation instead of asking again, so a rule that
        resolves through this costs one statement, delegations included.
        """
        return list(with_delegate_ids(users, scope=self.process.definition_key))

    def form_value(self, name: str) -> Any:
        """Return the value of form field ``name`` (``None`` if unset)."""
        return (self.process.data or {}).get(name)

    def chosen(self) -> list[str]:
        """Return the usernames chosen for this node (at start or by the previous step)."""
        return list((self.process.chosen or {}).get(self.node.id, []))

"""Tolerant read-only views of a flow or form document for the semantic checks.

The semantic checks run even when the JSON Schema found errors, so they read the document
through these views: anything of the wrong type is simply absent (the schema problems already
say why), and no check ever indexes into raw data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gongwen.definitions.catalog import types_where
from gongwen.definitions.graph import Graph

#: Node types whose tasks people work on (they may have assignees, deadlines, actions …).
HUMAN_TYPES = types_where(lambda kind: kind.human or kind.needs_assignee)
#: Node types where a person acts before the flow moves on (a cycle must pass one of them).
PERSON_TYPES = types_where(lambda kind: kind.human)
#: Node types a 退回 may go back to.
RETURNABLE_TYPES = types_where(lambda kind: kind.returnable)


def items(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """Return ``(index, item)`` for the dict items of ``value`` if it is a list, else ``[]``."""
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def text(value: Any) -> str | None:
    """Return ``value`` if it is a string, else ``None``."""
    return value if isinstance(value, str) else None


@dataclass(frozen=True)
class NodeRef:
    """A node object of the document: its index in ``nodes``, id and type (if strings)."""

    index: int
    id: str | None
    type: str | None
    data: dict[str, Any]


@dataclass(frozen=True)
class EdgeRef:
    """An edge object of the document: its index in ``edges``, ends (if strings)."""

    index: int
    source: str | None
    target: str | None
    data: dict[str, Any]


class FlowView:
    """The nodes and edges of a flow document, tolerant of wrong types."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        self.nodes = [
            NodeRef(i, text(n.get("id")), text(n.get("type")), n)
            for i, n in items(doc.get("nodes"))
        ]
        self.edges = [
            EdgeRef(i, text(e.get("from")), text(e.get("to")), e)
            for i, e in items(doc.get("edges"))
        ]
        self.by_id: dict[str, NodeRef] = {}
        for node in self.nodes:
            if node.id is not None:
                self.by_id.setdefault(node.id, node)
        self._outgoing: dict[str, list[EdgeRef]] = {}
        for edge in self.edges:
            if edge.source in self.by_id and edge.target in self.by_id:
                self._outgoing.setdefault(edge.source, []).append(edge)
        self.graph = Graph(
            self.by_id, ((e.source, e.target) for e in self.edges if e.source and e.target)
        )
        self._first_pass: dict[str, int] | None = None

    def of_type(self, *types: str) -> list[NodeRef]:
        """Return the nodes of the given types (first occurrence of each id only)."""
        return [n for n in self.by_id.values() if n.type in types]

    def outgoing(self, node_id: str) -> list[EdgeRef]:
        """Return the edges leaving ``node_id``."""
        return self._outgoing.get(node_id, [])

    def earlier(self, target: str, node_id: str) -> bool:
        """Return whether ``target`` comes before ``node_id`` the first time through the flow.

        That is, ``target`` is an ancestor of ``node_id`` once the loop edges are left out
        (:meth:`Graph.first_pass_ancestors`): a step reached only by going round a revision
        loop is not earlier, even though a path leads from it to ``node_id``.
        """
        if self._first_pass is None:
            starts = self.start_ids
            self._first_pass = self.graph.first_pass_ancestors(starts[0]) if starts else {}
        position = self.graph.position(target)
        if position is None or target == node_id:
            return False
        return bool(self._first_pass.get(node_id, 0) >> position & 1)

    @property
    def start_ids(self) -> list[str]:
        """Return the ids of the start nodes."""
        return [n.id for n in self.of_type("start") if n.id]


class FormView:
    """The fields of a form document by name, tolerant of wrong types."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc if isinstance(doc, dict) else {}
        self.fields: dict[str, dict[str, Any]] = {}
        for _, field in items(self.doc.get("fields")):
            name = text(field.get("name"))
            if name is not None:
                self.fields.setdefault(name, field)

    @property
    def key(self) -> str | None:
        """Return the form's key if it is a string."""
        return text(self.doc.get("key"))

    def field_type(self, name: str) -> str | None:
        """Return the type of field ``name`` (``None`` if unknown)."""
        field = self.fields.get(name)
        return text(field.get("type")) if field else None

    def columns(self, name: str) -> dict[str, dict[str, Any]]:
        """Return the columns of table field ``name`` by name."""
        field = self.fields.get(name) or {}
        found: dict[str, dict[str, Any]] = {}
        for _, column in items(field.get("columns")):
            column_name = text(column.get("name"))
            if column_name is not None:
                found.setdefault(column_name, column)
        return found

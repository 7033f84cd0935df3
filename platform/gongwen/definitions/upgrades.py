"""The upgrade chain: one function per format step, ``upgrade_vN_to_vN+1``.

Each function takes a document of version N (a plain JSON value, already copied) and returns
it at version N+1. They must accept junk without raising: what they do not recognise they leave
alone, and the JSON Schema reports it afterwards. Every step has a golden file pair in
``tests/fixtures/definitions/golden/`` (the old document and exactly what it must become).

Version 0 was the pre-release format: no ``kind``; a separate ``countersign`` node type for
会签; a node's deadline as flat ``deadline``/``remind_before`` strings; an edge's condition
under ``condition``; the long-text field type called ``textarea``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from gongwen.definitions.exceptions import AlreadyRegistered

#: The format version this code writes and compiles.
CURRENT_VERSION = 1

Upgrade = Callable[[dict[str, Any]], dict[str, Any]]
UPGRADES: dict[int, Upgrade] = {}


def upgrade_step(from_version: int) -> Callable[[Upgrade], Upgrade]:
    """Register the decorated function as the upgrade from ``from_version`` to the next."""

    def register(function: Upgrade) -> Upgrade:
        if from_version in UPGRADES:
            raise AlreadyRegistered(f"an upgrade from version {from_version} exists")
        UPGRADES[from_version] = function
        return function

    return register


def needs_upgrade(doc: object) -> bool:
    """Return whether ``doc`` is an object at a version the chain can upgrade."""
    version = doc.get("schema_version") if isinstance(doc, dict) else None
    return type(version) is int and version in UPGRADES


def upgrade(doc: object) -> object:
    """Return ``doc`` upgraded to :data:`CURRENT_VERSION` (a copy; ``doc`` is not changed).

    Anything the chain cannot upgrade (not an object, no integer ``schema_version``, a version
    newer than this code) is returned as a copy, unchanged, for ``validate`` to report.
    """
    return run_chain(copy.deepcopy(doc))


def run_chain(doc: Any) -> Any:
    """Upgrade ``doc`` in place as far as the chain goes and return it (the validator's path)."""
    result = doc
    while needs_upgrade(result):
        version = result["schema_version"]
        result = UPGRADES[version](result)
        result["schema_version"] = version + 1
    return result


@upgrade_step(0)
def upgrade_v0_to_v1(doc: dict[str, Any]) -> dict[str, Any]:
    """Add ``kind``; countersign → approve/all; deadline object; edge ``when``; long_text."""
    is_flow = "nodes" in doc or "edges" in doc
    doc.setdefault("kind", "flow" if is_flow else "form")
    if doc["kind"] == "flow":
        _each_dict(doc.get("nodes"), _upgrade_node_v0)
        _each_dict(doc.get("edges"), _upgrade_edge_v0)
    else:
        _each_dict(doc.get("fields"), _upgrade_field_v0)
    return doc


def _each_dict(items: object, function: Callable[[dict[str, Any]], None]) -> None:
    if isinstance(items, list):
        for item in items:
            if isinstance(item, dict):
                function(item)


def _upgrade_node_v0(node: dict[str, Any]) -> None:
    if node.get("type") == "countersign":
        node["type"] = "approve"
        node.setdefault("mode", "all")
    if isinstance(node.get("deadline"), str):
        deadline: dict[str, Any] = {"duration": node["deadline"]}
        if "remind_before" in node:
            deadline["remind_before"] = node.pop("remind_before")
        node["deadline"] = deadline


def _upgrade_edge_v0(edge: dict[str, Any]) -> None:
    if "condition" in edge and "when" not in edge:
        edge["when"] = edge.pop("condition")


def _upgrade_field_v0(field: dict[str, Any]) -> None:
    if field.get("type") == "textarea":
        field["type"] = "long_text"
    _each_dict(field.get("columns"), _upgrade_field_v0)

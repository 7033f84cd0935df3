"""Build compiled flow specs from a compact dict, so runtime tests need no published version."""

from __future__ import annotations

import itertools
from typing import Any

from gongwen.definitions.specs import (
    ApprovalMode,
    AssigneeSpec,
    EdgeSpec,
    EmptyAssigneePolicy,
    FlowSpec,
    NodeSpec,
    NodeType,
    frozen_map,
)

_serial = itertools.count(1)


def node(node_id: str, node_type: str, assignee: dict | None = None, **options: Any) -> NodeSpec:
    """Return a node spec; ``assignee`` is ``{"rule": …, **params}``."""
    rule = None
    if assignee is not None:
        params = {k: v for k, v in assignee.items() if k != "rule"}
        rule = AssigneeSpec(rule=assignee["rule"], params=frozen_map(params))
    if "mode" in options:
        options["mode"] = ApprovalMode(options["mode"])
    if "on_empty" in options:
        options["on_empty"] = EmptyAssigneePolicy(options["on_empty"])
    for name in ("actions", "return_targets"):
        if name in options:
            options[name] = tuple(options[name])
    return NodeSpec(id=node_id, type=NodeType(node_type), assignee=rule, **options)


def flow(key: str, nodes: list[NodeSpec], edges: list[Any], *, unique: bool = True) -> FlowSpec:
    """Return a flow spec; edges are ``(src, dst)`` or ``(src, dst, {"when"|"default": …})``.

    ``unique`` appends a serial number to the key, because generated classes are cached per
    key and version for the life of the interpreter (as they are in production).
    """
    edge_specs = []
    for order, edge in enumerate(edges):
        extra = edge[2] if len(edge) > 2 else {}
        edge_specs.append(
            EdgeSpec(
                source=edge[0],
                target=edge[1],
                condition=extra.get("when"),
                default=bool(extra.get("default")),
                order=order,
            )
        )
    return FlowSpec(
        key=f"{key}-{next(_serial)}" if unique else key,
        version=1,
        name=frozen_map({"zh-Hans": key, "en": key}),
        form_key=key,
        nodes=frozen_map({n.id: n for n in nodes}),
        edges=tuple(edge_specs),
        document=None,
    )


def chain(key: str, *steps: NodeSpec) -> FlowSpec:
    """Return start → steps… → end as one sequential flow."""
    nodes = [node("start", "start"), *steps, node("end", "end")]
    ids = [n.id for n in nodes]
    return flow(key, nodes, list(itertools.pairwise(ids)))

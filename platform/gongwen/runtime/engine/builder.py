"""Build a viewflow ``Flow`` class from a compiled :class:`FlowSpec` with ``type()``.

``Flow.__init_subclass__`` does all the wiring when the class is created, so a generated class
behaves like a hand-written one. Nodes are wired with viewflow's ``this`` references by
attribute name (``n_<id>``); the class carries its spec as ``spec``.
"""

from __future__ import annotations

from typing import Any

from viewflow import this
from viewflow.workflow.base import Flow
from viewflow.workflow.nodes import Join, Split

from gongwen.definitions.catalog import Category, engine_nodes, types_where
from gongwen.definitions.specs import (
    AssigneeSpec,
    FlowSpec,
    NodeSpec,
    NodeType,
    frozen_map,
)
from gongwen.runtime.engine.automatic import AutoStep, is_automatic
from gongwen.runtime.engine.gateways import Exclusive, Finish, ProgrammaticStart, json_logic_case
from gongwen.runtime.engine.human import HumanTask
from gongwen.runtime.engine.locks import process_row_lock
from gongwen.runtime.engine.models import Process, Task
from gongwen.runtime.engine.naming import RESUBMIT_NODE, flow_class_name, node_attr
from gongwen.runtime.engine.service import ServiceNode
from gongwen.runtime.engine.subflow import SubflowNode
from gongwen.runtime.exceptions import UnsupportedDefinition

FLOWS_MODULE = "gongwen.runtime.engine.flows"


def _document_step(node: NodeSpec) -> Any:
    """A 公文 step: a person's task when its handler is performed by a person, else automatic."""
    return AutoStep(node) if is_automatic(node) else HumanTask(node)


#: The engine class of every node type, filled into the catalog's registry (one source).
ENGINE_NODES: dict[NodeType, Any] = {
    NodeType.START: ProgrammaticStart,
    NodeType.APPROVE: HumanTask,
    NodeType.HANDLE: HumanTask,
    NodeType.CC: AutoStep,
    NodeType.EXCLUSIVE: Exclusive,
    NodeType.PARALLEL: lambda node: Split(),
    NodeType.JOIN: lambda node: Join(),
    NodeType.SERVICE: ServiceNode,
    NodeType.SUBFLOW: SubflowNode,
    **{NodeType(t): _document_step for t in types_where(lambda k: k.category == Category.DOCUMENT)},
    NodeType.END: Finish,
}


def register_engine_nodes() -> None:
    """Fill the catalog's engine registry (idempotent; at import of this module)."""
    for node_type, factory in ENGINE_NODES.items():
        if node_type not in engine_nodes:
            engine_nodes.register(node_type, factory)


register_engine_nodes()


def build_flow_class(spec: FlowSpec) -> type[Flow]:
    """Return a new Flow subclass named ``Def_<key>_v<version>`` that runs ``spec``."""
    attrs: dict[str, Any] = {
        "__module__": FLOWS_MODULE,
        "__doc__": str(spec.name.get("zh-Hans") or spec.key),
        "process_class": Process,
        "task_class": Task,
        "lock_impl": process_row_lock,
        "spec": spec,
    }
    for node in spec.nodes.values():
        attrs[node_attr(node.id)] = _wire(_make_node(node), spec, node)
    attrs[node_attr(RESUBMIT_NODE)] = _resubmit_node(spec)
    return type(flow_class_name(spec.key, spec.version), (Flow,), attrs)


def _make_node(node: NodeSpec) -> Any:
    if node.type not in engine_nodes:
        raise UnsupportedDefinition(node_id=node.id, node_type=str(node.type))
    return engine_nodes.get(node.type)(node)


def _wire(flow_node: Any, spec: FlowSpec, node: NodeSpec) -> Any:
    edges = spec.outgoing(node.id)
    if node.type == NodeType.END:
        return flow_node
    if node.type == NodeType.EXCLUSIVE:
        for edge in edges:
            target = getattr(this, node_attr(edge.target))
            if edge.default:
                flow_node.Default(target)
            else:
                flow_node.Case(target, json_logic_case(edge.condition))
        return flow_node
    if node.type == NodeType.PARALLEL:
        for edge in edges:
            flow_node.Next(getattr(this, node_attr(edge.target)))
        return flow_node
    if len(edges) != 1:
        raise UnsupportedDefinition(node_id=node.id, node_type=str(node.type))
    return flow_node.Next(getattr(this, node_attr(edges[0].target)))


def _resubmit_node(spec: FlowSpec) -> HumanTask:
    """Return the hidden 修改后重新提交 node: the initiator's task, then on as after the start."""
    node = NodeSpec(
        id=RESUBMIT_NODE,
        type=NodeType.HANDLE,
        name=frozen_map({"zh-Hans": "修改后重新提交", "en": "Revise and resubmit"}),
        assignee=AssigneeSpec(rule="initiator"),
        actions=("approve", "withdraw"),
    )
    (edge,) = spec.outgoing(spec.start.id)
    return HumanTask(node).Next(getattr(this, node_attr(edge.target)))

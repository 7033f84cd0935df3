"""Semantic checks of a flow's graph: ids, ends, reachability, gateways, cycles."""

from __future__ import annotations

from gongwen.definitions.problems import Problem, pointer, problem
from gongwen.definitions.views import FlowView

GATEWAY_TYPES = frozenset({"exclusive", "parallel"})


def graph_problems(view: FlowView) -> list[Problem]:
    """Return every graph problem of the flow behind ``view``."""
    found: list[Problem] = []
    for check in (
        _duplicate_ids,
        _dangling_edges,
        _starts_and_ends,
        _edges_at_ends,
        _branching,
        _exclusive_gateways,
        _reachability,
        _joins,
        _splits,
    ):
        found.extend(check(view))
    return found


def _duplicate_ids(view: FlowView) -> list[Problem]:
    seen: set[str] = set()
    found = []
    for node in view.nodes:
        if node.id is None:
            continue
        if node.id in seen:
            found.append(
                problem(pointer("nodes", node.index, "id"), "flow.duplicate_node_id", id=node.id)
            )
        seen.add(node.id)
    return found


def _dangling_edges(view: FlowView) -> list[Problem]:
    found = []
    for edge in view.edges:
        for end, value in (("from", edge.source), ("to", edge.target)):
            if value is not None and value not in view.by_id:
                found.append(
                    problem(pointer("edges", edge.index, end), "flow.dangling_edge", id=value)
                )
    return found


def _starts_and_ends(view: FlowView) -> list[Problem]:
    if not view.nodes:
        return []  # the schema reports missing or empty nodes
    found = []
    starts = [n for n in view.nodes if n.type == "start"]
    if not starts:
        found.append(problem("/nodes", "flow.no_start"))
    found.extend(problem(pointer("nodes", n.index), "flow.multiple_starts") for n in starts[1:])
    if not any(n.type == "end" for n in view.nodes):
        found.append(problem("/nodes", "flow.no_end"))
    return found


def _edges_at_ends(view: FlowView) -> list[Problem]:
    found = []
    for edge in view.edges:
        source, target = view.by_id.get(edge.source or ""), view.by_id.get(edge.target or "")
        if target is not None and target.type == "start":
            found.append(problem(pointer("edges", edge.index, "to"), "flow.start_has_incoming"))
        if source is not None and source.type == "end":
            found.append(problem(pointer("edges", edge.index, "from"), "flow.end_has_outgoing"))
    return found


def _branching(view: FlowView) -> list[Problem]:
    """Only gateways branch: any other node has at most one outgoing edge."""
    found = []
    for node in view.by_id.values():
        if node.type in GATEWAY_TYPES or node.type == "end" or node.id is None:
            continue
        outgoing = view.outgoing(node.id)
        if len(outgoing) > 1:
            where = pointer("edges", outgoing[1].index)
            found.append(problem(where, "flow.multiple_outgoing", id=node.id))
    return found


def _exclusive_gateways(view: FlowView) -> list[Problem]:
    found = []
    for edge in view.edges:
        source = view.by_id.get(edge.source or "")
        has_when, is_default = "when" in edge.data, edge.data.get("default") is True
        if source is None:
            continue
        if source.type != "exclusive":
            for key, present in (("when", has_when), ("default", is_default)):
                if present:
                    where = pointer("edges", edge.index, key)
                    found.append(problem(where, "flow.condition_outside_exclusive"))
        elif is_default and has_when:
            found.append(
                problem(pointer("edges", edge.index, "when"), "flow.default_with_condition")
            )
        elif not is_default and not has_when:
            found.append(problem(pointer("edges", edge.index), "flow.missing_condition"))
    for node in view.of_type("exclusive"):
        defaults = sum(1 for e in view.outgoing(node.id or "") if e.data.get("default") is True)
        if defaults != 1:
            where = pointer("nodes", node.index)
            found.append(problem(where, "flow.exclusive_default_count", id=node.id, count=defaults))
    return found


def _reachability(view: FlowView) -> list[Problem]:
    starts, ends = view.start_ids, [n.id for n in view.of_type("end") if n.id]
    if len(starts) != 1:
        return []  # no_start / multiple_starts already say what is wrong
    graph = view.graph
    reached = graph.reachable(starts)
    found = [
        problem(pointer("nodes", n.index), "flow.unreachable_node", id=n.id)
        for n in view.by_id.values()
        if n.id not in reached
    ]
    if not ends:
        return found
    finishing = graph.reachable(ends, backwards=True)
    trapped: set[str] = set()
    for cycle in graph.closed_cycles():
        if cycle[0] in reached:
            trapped.update(cycle)
            first = view.by_id[cycle[0]]
            found.append(
                problem(pointer("nodes", first.index), "flow.cycle_without_exit", id=first.id)
            )
    found.extend(
        problem(pointer("nodes", n.index), "flow.cannot_reach_end", id=n.id)
        for n in view.by_id.values()
        if n.id in reached and n.id not in finishing and n.id not in trapped
    )
    return found


def _joins(view: FlowView) -> list[Problem]:
    """A join must merge ≥ 2 branches that all come from one parallel split."""
    found = []
    splits = {n.id for n in view.of_type("parallel")}
    for join in view.of_type("join"):
        sources = list(dict.fromkeys(view.graph.predecessors.get(join.id or "", [])))
        common: set[str] | None = None
        for source in sources:
            ancestors = view.ancestors(source)
            common = set(ancestors) if common is None else common & ancestors
        if len(sources) < 2 or not (common or set()) & splits:
            found.append(
                problem(pointer("nodes", join.index), "flow.join_without_split", id=join.id)
            )
    return found


def _splits(view: FlowView) -> list[Problem]:
    """Every branch of a parallel split must reach one common join."""
    found = []
    joins = {n.id for n in view.of_type("join")}
    for split in view.of_type("parallel"):
        targets = [e.target for e in view.outgoing(split.id or "") if e.target]
        common: set[str] | None = None
        for target in dict.fromkeys(targets):
            reach = view.descendants(target)
            common = set(reach) if common is None else common & reach
        if not targets or not (common or set()) & joins:
            found.append(
                problem(pointer("nodes", split.index), "flow.split_without_join", id=split.id)
            )
    return found

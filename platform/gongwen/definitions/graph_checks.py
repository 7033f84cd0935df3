"""Semantic checks of a flow's graph: ids, ends, reachability, gateways, cycles."""

from __future__ import annotations

from collections import deque

from gongwen.definitions.form_checks import distinct_form
from gongwen.definitions.graph import Graph
from gongwen.definitions.problems import Problem, pointer, problem
from gongwen.definitions.views import PERSON_TYPES, EdgeRef, FlowView

GATEWAY_TYPES = frozenset({"exclusive", "parallel"})


def graph_problems(view: FlowView) -> list[Problem]:
    """Return every graph problem of the flow behind ``view``.

    Two stages: the shape (ids, edges, start and end, branching, gateways, reachability);
    then, only on a flow whose shape is right, soundness (no cycle without a person, parallel
    regions well nested). Every check is linear in nodes + edges.
    """
    found: list[Problem] = []
    for check in (
        _duplicate_ids,
        _dangling_edges,
        _duplicate_edges,
        _starts_and_ends,
        _edges_at_ends,
        _branching,
        _exclusive_gateways,
        _reachability,
    ):
        found.extend(check(view))
    if found:
        return found
    return [*_cycles_without_person(view), *_regions(view)]


def _duplicate_ids(view: FlowView) -> list[Problem]:
    seen: set[str] = set()
    found = []
    for node in view.nodes:
        if node.id is None:
            continue
        if distinct_form(node.id) in seen:
            found.append(
                problem(pointer("nodes", node.index, "id"), "flow.duplicate_node_id", id=node.id)
            )
        seen.add(distinct_form(node.id))
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


def _duplicate_edges(view: FlowView) -> list[Problem]:
    """Two edges between the same nodes: a split would start the same step twice."""
    seen: set[tuple[str, str]] = set()
    found = []
    for edge in view.edges:
        if edge.source is None or edge.target is None:
            continue
        if (edge.source, edge.target) in seen:
            found.append(
                problem(
                    pointer("edges", edge.index),
                    "flow.duplicate_edge",
                    source=edge.source,
                    target=edge.target,
                )
            )
        seen.add((edge.source, edge.target))
    return found


def _cycles_without_person(view: FlowView) -> list[Problem]:
    """Every cycle passes a node where a person acts, or the engine goes round it forever."""
    graph = view.graph
    unattended = [n for n in graph.nodes if view.by_id[n].type not in PERSON_TYPES]
    members = set(unattended)
    edges = ((s, t) for s in unattended for t in graph.successors[s] if t in members)
    found = []
    for component in Graph(unattended, edges).cyclic_components():
        first = view.by_id[graph.in_order(component)[0]]
        found.append(
            problem(pointer("nodes", first.index), "flow.cycle_without_person", id=first.id)
        )
    return sorted(found, key=_node_problems_first)


class _Regions:
    """Which parallel region each node lies in, found in one pass over the flow.

    A node's *context* is the stack of regions it is inside, each a (split, branch) frame,
    interned as a number (0: outside every region). A split opens one frame per outgoing
    edge, a join closes the innermost frame, anything else passes its context on. A sound
    flow gives every node exactly one context; every join closes frames of one split; and every
    branch of a split arrives at that split's one join.
    """

    def __init__(self, view: FlowView, ignored: frozenset[int] = frozenset()) -> None:
        self.view = view
        self.ignored = ignored  # indices of edges already found to bypass a join
        self.frames: list[tuple[int, str, int]] = [(0, "", -1)]  # context → (parent, split, branch)
        self.depth: list[int] = [0]
        self.via: dict[str, EdgeRef] = {}  # node → the edge that gave it its context
        self.bypassing: dict[int, EdgeRef] = {}
        self.interned: dict[tuple[int, str, int], int] = {}
        self.context: dict[str, int] = {}
        self.closes: dict[str, tuple[int, str]] = {}  # join → (parent context, split)
        self.arrived: dict[str, set[int]] = {}  # join → branches of its split that arrive
        self.found: list[Problem] = []
        self.reported: set[tuple[str, str]] = set()

    def enter(self, parent: int, split: str, branch: int) -> int:
        key = (parent, split, branch)
        if key not in self.interned:
            self.interned[key] = len(self.frames)
            self.frames.append(key)
            self.depth.append(self.depth[parent] + 1)
        return self.interned[key]

    def report(self, node_id: str, code: str) -> None:
        if (node_id, code) not in self.reported:
            self.reported.add((node_id, code))
            node = self.view.by_id[node_id]
            self.found.append(problem(pointer("nodes", node.index), code, id=node_id))

    def bypass(self, edge: EdgeRef) -> None:
        self.bypassing.setdefault(edge.index, edge)

    def conflict(self, edge: EdgeRef, target: str, context: int) -> None:
        """Blame the edge whose context is the deeper one: a branch leaking out of its region."""
        earlier = self.via.get(target)
        deeper = earlier is not None and self.depth[self.context[target]] > self.depth[context]
        self.bypass(earlier if deeper and earlier is not None else edge)

    def run(self) -> list[Problem]:
        view = self.view
        start = view.start_ids[0]
        self.context[start] = 0
        queue = deque([start])
        while queue:
            node = queue.popleft()
            context = self.context[node]
            outgoing = view.outgoing(node)
            split = view.by_id[node].type == "parallel"
            for branch, edge in enumerate(outgoing):
                if edge.index in self.ignored:
                    continue
                carried = self.enter(context, node, branch) if split else context
                target = edge.target or ""
                after = self.arrive(edge, target, carried)
                if after is None:
                    continue
                if target not in self.context:
                    self.context[target] = after
                    self.via[target] = edge
                    queue.append(target)
                elif self.context[target] != after:
                    self.conflict(edge, target, after)
        self.check_splits()
        return self.found

    def arrive(self, edge: EdgeRef, target: str, context: int) -> int | None:
        """Return the context ``target`` gets from ``edge`` (``None``: nothing to pass on)."""
        kind = self.view.by_id[target].type
        if kind == "end":
            if context:
                self.report(self.frames[context][1], "flow.split_without_join")
            return None
        if kind != "join":
            return context
        if not context:
            self.report(target, "flow.join_without_split")
            return 0
        parent, split, branch = self.frames[context]
        closes = self.closes.setdefault(target, (parent, split))
        if closes != (parent, split):
            self.bypass(edge)
            return None
        self.arrived.setdefault(target, set()).add(branch)
        return parent

    def check_splits(self) -> None:
        joins: dict[str, list[str]] = {}
        for join, (_, split) in self.closes.items():
            joins.setdefault(split, []).append(join)
        for split in self.view.graph.in_order(
            n for n in self.context if self.view.by_id[n].type == "parallel"
        ):
            branches = set(range(len(self.view.outgoing(split))))
            meeting = joins.get(split, [])
            if len(branches) < 2 or len(meeting) != 1 or self.arrived[meeting[0]] != branches:
                self.report(split, "flow.split_without_join")


def _node_problems_first(found: Problem) -> tuple[bool, int]:
    _, collection, index = found.pointer.split("/")[:3]
    return collection != "nodes", int(index)


def _regions(view: FlowView) -> list[Problem]:
    """Parallel regions are well nested: each split has its join, nothing leaves in between.

    Two passes: the first finds the edges that cross a region's boundary; the second, without
    them, what else is wrong (so a branch that leaks out is one problem, not also a split
    whose join waits in vain). Each pass is linear.
    """
    first = _Regions(view)
    first.run()
    second = _Regions(view, frozenset(first.bypassing))
    found = second.run()
    crossing = {**first.bypassing, **second.bypassing}
    found += [
        problem(
            pointer("edges", index),
            "flow.branch_bypasses_join",
            source=edge.source,
            target=edge.target,
        )
        for index, edge in crossing.items()
    ]
    return sorted(found, key=_node_problems_first)


def parallel_contexts(view: FlowView) -> tuple[dict[str, int], list[int]]:
    """Return each node's parallel context and each context's parent (0: outside every region).

    Meaningful on a sound flow only (the graph checks found nothing): then every node has one
    context, and a context is inside another when following ``parent`` reaches it.
    """
    regions = _Regions(view)
    regions.run()
    return regions.context, [parent for parent, _split, _branch in regions.frames]

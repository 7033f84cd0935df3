"""A directed graph of node ids: reachability and strongly connected components.

Everything is iterative (a generated 1,000-node chain must not hit the recursion limit) and
linear in nodes + edges.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator


class Graph:
    """Nodes in definition order and the edges between them (duplicates allowed)."""

    def __init__(self, nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> None:
        self.nodes: list[str] = list(dict.fromkeys(nodes))
        self._position = {node: i for i, node in enumerate(self.nodes)}
        self.successors: dict[str, list[str]] = {n: [] for n in self.nodes}
        self.predecessors: dict[str, list[str]] = {n: [] for n in self.nodes}
        for source, target in edges:
            if source in self.successors and target in self.successors:
                self.successors[source].append(target)
                self.predecessors[target].append(source)

    def reachable(self, starts: Iterable[str], *, backwards: bool = False) -> set[str]:
        """Return the nodes reachable from ``starts`` (included), following or against edges."""
        links = self.predecessors if backwards else self.successors
        seen = {s for s in starts if s in links}
        stack = list(seen)
        while stack:
            for neighbour in links[stack.pop()]:
                if neighbour not in seen:
                    seen.add(neighbour)
                    stack.append(neighbour)
        return seen

    def components(self) -> list[list[str]]:
        """Return the strongly connected components (Tarjan's algorithm, iteratively)."""
        index: dict[str, int] = {}
        low: dict[str, int] = {}
        on_stack: set[str] = set()
        stack: list[str] = []
        found: list[list[str]] = []
        for root in self.nodes:
            if root in index:
                continue
            work = [(root, 0)]
            while work:
                node, position = work.pop()
                if position == 0:
                    index[node] = low[node] = len(index)
                    stack.append(node)
                    on_stack.add(node)
                successors = self.successors[node]
                if position < len(successors):
                    work.append((node, position + 1))
                    child = successors[position]
                    if child not in index:
                        work.append((child, 0))
                    elif child in on_stack:
                        low[node] = min(low[node], index[child])
                    continue
                for child in successors:
                    if child in on_stack:
                        low[node] = min(low[node], low[child])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    found.append(component)
        return found

    def closed_cycles(self) -> list[list[str]]:
        """Return the cycles no edge leaves: components with a cycle and no way out."""
        closed = []
        for component in self.cyclic_components():
            members = set(component)
            if all(t in members for n in component for t in self.successors[n]):
                closed.append(self.in_order(component))
        return closed

    def position(self, node: str) -> int | None:
        """Return the index of ``node`` in :attr:`nodes` (``None`` if it is not a node)."""
        return self._position.get(node)

    def in_order(self, nodes: Iterable[str]) -> list[str]:
        """Return ``nodes`` in definition order."""
        return sorted(nodes, key=self._position.__getitem__)

    def cyclic_components(self) -> Iterator[list[str]]:
        """Yield the components that hold a cycle (two or more nodes, or a self-loop)."""
        for component in self.components():
            node = component[0]
            if len(component) > 1 or node in self.successors[node]:
                yield component

    def first_pass_ancestors(self, start: str) -> dict[str, int]:
        """Return, per node reachable from ``start``, the bit set of its first-pass ancestors.

        The first pass is the graph without its loop edges: a depth-first walk from ``start``
        (successors in definition order) drops every edge back to a node still on its path, so
        what remains is acyclic, and a node's ancestors there are the nodes that come before it
        the first time through. Bit ``i`` stands for ``self.nodes[i]``; a node is its own
        ancestor. The sets are Python integers, so the whole is O((n + e) · n / 64).
        """
        if start not in self.successors:
            return {}
        bit = {node: 1 << i for i, node in enumerate(self.nodes)}
        on_path, done, order = {start}, set(), []
        forward: dict[str, list[str]] = {}
        work = [(start, iter(self.successors[start]))]
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                on_path.discard(node)
                done.add(node)
                order.append(node)
                continue
            if child in on_path:
                continue  # a loop edge: not part of the first pass
            forward.setdefault(node, []).append(child)
            if child not in done:
                on_path.add(child)
                work.append((child, iter(self.successors[child])))
        ancestors = {node: bit[node] for node in order}
        for node in reversed(order):  # a topological order of the first pass
            for child in forward.get(node, ()):
                ancestors[child] |= ancestors[node]
        return ancestors

"""A directed graph of node ids: reachability and strongly connected components.

Everything is iterative (a generated 1,000-node chain must not hit the recursion limit) and
linear in nodes + edges.
"""

from __future__ import annotations

from collections.abc import Iterable


class Graph:
    """Nodes in definition order and the edges between them (duplicates allowed)."""

    def __init__(self, nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> None:
        self.nodes: list[str] = list(dict.fromkeys(nodes))
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
        for component in self.components():
            members = set(component)
            cyclic = len(component) > 1 or component[0] in self.successors[component[0]]
            leaves = any(t not in members for n in component for t in self.successors[n])
            if cyclic and not leaves:
                closed.append(sorted(component, key=self.nodes.index))
        return closed

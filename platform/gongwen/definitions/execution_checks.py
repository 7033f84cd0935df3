"""What executing the flow would refuse for every process taking a path: refused here instead.

Run on a sound flow only (the graph checks found nothing), so every node is reachable, has
one parallel context and can reach an end. Rule of thumb: what ``execute()`` would refuse for
every process of the definition (on a path it may take) is a validation problem.

- 退回 targets the engine can reopen: it returns within the branch, or out of the whole
  parallel region; a target in a branch the returning step is not in (a step after the join
  returning into a branch) is ``flow.return_target_other_branch``.
- A deadline's ``auto_return`` goes to the previous person's step (start, 审批 or 办理), the
  latest done; when on some path that step lies in such a branch (the branches of a region
  closed before the node run after everything before its split, so one of theirs is the
  latest), or going back to it would take a dispatched 公文 back, it is
  ``flow.auto_return_impossible``.
- 公文 steps, for a flow with ``document`` settings, by the documents layer's
  :class:`~gongwen.definitions.registries.DocumentRules` (the state machine stays theirs):
  none inside a parallel branch (one document, one order); on every path the document can
  pass each step (签发 → 编号 → 用印 → 分发 → 归档; 收文 登记 → 归档; a 纪要 dispatched
  unsealed) — one forward pass of the possible states per path, a fixpoint over at most
  2^7 state sets per node; no 退回 taking a dispatched document back; a numbering series for
  every organ when the flow numbers or registers.
"""

from __future__ import annotations

from collections import deque
from types import MappingProxyType, SimpleNamespace
from typing import Any

from gongwen.definitions.exceptions import LookupUnavailable
from gongwen.definitions.graph_checks import parallel_contexts
from gongwen.definitions.problems import Problem, pointer, problem
from gongwen.definitions.registries import DocumentRules, document_rules, template_exists
from gongwen.definitions.views import FlowView, NodeRef, text

#: Node types ``auto_return`` may go back to (the deadline worker's ``_previous_step``).
AUTO_RETURN_TARGETS = frozenset({"start", "approve", "handle"})
#: 公文 steps that take a number from the flow's numbering series.
NUMBERING_STEPS = frozenset({"number", "register"})

States = frozenset[str]


def execution_problems(view: FlowView) -> tuple[list[Problem], list[Problem]]:
    """Return ``(problems, not checked)`` of what executing the sound flow would refuse."""
    contexts, parents = parallel_contexts(view)
    document = view.doc.get("document")
    rules = document_rules() if isinstance(document, dict) else None
    lifecycle = _Lifecycle(view, rules, document) if rules is not None else None
    found = _return_branches(view, contexts, parents)
    found += _auto_returns(view, contexts, parents, lifecycle)
    not_checked = []
    if lifecycle is not None:
        found += lifecycle.problems(contexts)
    elif isinstance(document, dict) and _has_document_steps(view):
        not_checked.append(problem("/document", "flow.document_steps_not_checked"))
    return found, not_checked


def _has_document_steps(view: FlowView) -> bool:
    return any(n.type in ("register", "number", "seal", "dispatch", "archive") for n in view.nodes)


def _inside(context: int, outer: int, parents: list[int]) -> bool:
    """Return whether ``context`` is ``outer`` or lies inside it."""
    while context != outer and context:
        context = parents[context]
    return context == outer


def _return_branches(view: FlowView, contexts: dict[str, int], parents: list) -> list[Problem]:
    found = []
    for node in view.by_id.values():
        targets = node.data.get("return_targets")
        for index, target in enumerate(targets if isinstance(targets, list) else ()):
            if not isinstance(target, str) or target not in contexts or node.id not in contexts:
                continue
            if not view.earlier(target, node.id):
                continue  # flow.return_target_not_earlier says what is wrong
            if not _inside(contexts[node.id], contexts[target], parents):
                where = pointer("nodes", node.index, "return_targets", index)
                found.append(problem(where, "flow.return_target_other_branch", id=target))
    return found


def _auto_returns(
    view: FlowView, contexts: dict[str, int], parents: list, lifecycle: _Lifecycle | None
) -> list[Problem]:
    found = []
    for node in view.by_id.values():
        deadline = node.data.get("deadline")
        if not isinstance(deadline, dict) or deadline.get("escalation") != "auto_return":
            continue
        candidates = _previous_person_steps(view, node.id or "")
        if not all(
            _inside(contexts[node.id or ""], contexts[c], parents)
            and (lifecycle is None or lifecycle.may_go_back(node.id or "", c))
            for c in candidates
        ):
            where = pointer("nodes", node.index, "deadline", "escalation")
            found.append(problem(where, "flow.auto_return_impossible", id=node.id))
    return found


def _previous_person_steps(view: FlowView, node_id: str) -> set[str]:
    """Return the nearest start, 审批 and 办理 steps before ``node_id`` on some path."""
    graph = view.graph
    found: set[str] = set()
    seen = {node_id}
    stack = [node_id]
    while stack:
        for earlier in graph.predecessors[stack.pop()]:
            if earlier in seen:
                continue
            seen.add(earlier)
            if view.by_id[earlier].type in AUTO_RETURN_TARGETS:
                found.add(earlier)
            else:
                stack.append(earlier)
    return found


class _Lifecycle:
    """The 公文 states each node may be reached in, per path, and the milestones ahead."""

    def __init__(self, view: FlowView, rules: DocumentRules, document: dict[str, Any]) -> None:
        self.view, self.rules, self.document = view, rules, document
        self.kind = text(document.get("kind")) or ""
        self.direction = text(document.get("direction")) or ""
        self.milestone = {
            node.id: m
            for node in view.by_id.values()
            if node.id is not None and (m := rules.milestone_of(_node_view(node))) is not None
        }
        self.refused: dict[str, States] = {}
        self.arrivals = self._forward()
        self.ahead = self._backward()

    def _forward(self) -> dict[str, set[States]]:
        """Return, per node, the sets of states the document may arrive in (one per path)."""
        arrivals: dict[str, set[States]] = {}
        start = self.view.start_ids[0]
        work = deque([(start, frozenset(self.rules.initial_states))])
        while work:
            node, states = work.popleft()
            if states in arrivals.setdefault(node, set()):
                continue
            arrivals[node].add(states)
            after = self._step(node, states)
            if after is None:
                self.refused.setdefault(node, states)
                continue
            work.extend((target, after) for target in self.view.graph.successors[node])
        return arrivals

    def _step(self, node: str, states: States) -> States | None:
        milestone = self.milestone.get(node)
        if milestone is None:
            return states
        after = {self.rules.advance(milestone, s, self.kind, self.direction) for s in states}
        after.discard(None)
        return frozenset(after) if after else None  # type: ignore[arg-type]

    def _backward(self) -> dict[str, frozenset[str]]:
        """Return the milestones at or reachable from each node (a fixpoint: sets only grow)."""
        graph = self.view.graph
        ahead = {
            n: frozenset({self.milestone[n]} if n in self.milestone else ()) for n in graph.nodes
        }
        work = deque(graph.nodes)
        while work:
            node = work.popleft()
            for earlier in graph.predecessors[node]:
                grown = ahead[earlier] | ahead[node]
                if grown != ahead[earlier]:
                    ahead[earlier] = grown
                    work.append(earlier)
        return ahead

    def may_go_back(self, node: str, target: str) -> bool:
        """Return whether on every path to ``node`` the document may go back to ``target``."""
        ahead = self.ahead[target]
        return all(
            any(self.rules.goes_back(s, ahead) for s in states)
            for states in self.arrivals.get(node, ())
        )

    def problems(self, contexts: dict[str, int]) -> list[Problem]:
        by_id = self.view.by_id
        parallel = [
            problem(pointer("nodes", by_id[n].index), "flow.document_step_in_parallel", id=n)
            for n in self.milestone
            if contexts.get(n)
        ]
        if parallel:
            return parallel + self._series()
        found = [
            problem(
                pointer("nodes", by_id[n].index),
                "flow.document_step_out_of_order",
                id=n,
                state="/".join(sorted(states)),
            )
            for n, states in self.refused.items()
        ]
        return found + self._returns() + self._series()

    def _returns(self) -> list[Problem]:
        found = []
        for node in self.view.by_id.values():
            targets = node.data.get("return_targets")
            for index, target in enumerate(targets if isinstance(targets, list) else ()):
                if target in self.ahead and not self.may_go_back(node.id or "", target):
                    where = pointer("nodes", node.index, "return_targets", index)
                    found.append(problem(where, "flow.return_after_dispatch", id=target))
        return found

    def _series(self) -> list[Problem]:
        """A series for the flow's default organ and each listed one, if the flow numbers."""
        numbering = [n for n, m in self.milestone.items() if m in NUMBERING_STEPS]
        if not numbering:
            return []
        missing = []
        if not text(self.document.get("numbering_series")):
            missing.append(pointer("document", "numbering_series"))
        organs = self.document.get("organs")
        for code, organ in organs.items() if isinstance(organs, dict) else ():
            if isinstance(organ, dict) and not text(organ.get("numbering_series")):
                missing.append(pointer("document", "organs", code, "numbering_series"))
        return [
            problem(where, "flow.number_step_without_series", id=numbering[0]) for where in missing
        ]


def _node_view(node: NodeRef) -> Any:
    """Return ``node`` as the documents layer's rules read a node: type, params, fields."""
    params, fields = node.data.get("params"), node.data.get("fields")
    return SimpleNamespace(
        id=node.id,
        type=node.type,
        params=MappingProxyType(params if isinstance(params, dict) else {}),
        fields=MappingProxyType(fields if isinstance(fields, dict) else {}),
    )


def template_of(doc: dict[str, Any]) -> tuple[str, str] | None:
    """Return ``(pointer, key)`` of the 正文 template the 公文 starts from, if it has one.

    The template named by ``document.template``, else the 文种's own (``document.kind``), as
    the documents layer's ``create_document`` chooses.
    """
    document = doc.get("document")
    if not isinstance(document, dict):
        return None
    if text(document.get("template")):
        return "/document/template", document["template"]
    if text(document.get("kind")):
        return "/document/kind", document["kind"]
    return None


def template_problems(ref: tuple[str, str] | None) -> tuple[list[Problem], list[Problem]]:
    """Return ``(problems, not checked)`` for the template ``ref`` (from :func:`template_of`)."""
    if ref is None:
        return [], []
    where, key = ref
    try:
        exists = template_exists(key)
    except LookupUnavailable:
        return [], [problem(where, "flow.template_not_checked", key=key)]
    return ([] if exists else [problem(where, "flow.unknown_template", key=key)]), []

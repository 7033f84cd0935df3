"""Parallel regions: which split/join pair a node lies between, and opening a node inside one.

A *region* is the part of a flow between a parallel split and the join its branches meet at.
viewflow gives each branch a token ``<split token>/<split task id>_<n>`` (``n`` counts the
split's outgoing edges, edges straight to a join last) and the join waits while any task
whose token starts with ``<split token>/<split task id>_`` is open. An admin jump to a node
inside a region must respect that (:func:`open_in_region`):

* the region is running (its split ran and its join has not finished): only the target's
  branch moves — its open tasks are cancelled and the target opens at the branch's token;
  the other branches keep their tasks;
* the region is not running: the split runs afresh, every other branch starts from its first
  node, and the target opens in its own branch, so the join waits for all of them.

Only regions at the process's top level are handled; a target inside a region nested in
another is refused by the caller (:func:`regions_around` tells).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from viewflow.workflow.status import STATUS
from viewflow.workflow.token import Token

from gongwen.definitions.specs import FlowSpec, NodeType
from gongwen.runtime.engine.models import OPEN_STATUSES, Outcome, Task
from gongwen.runtime.engine.naming import node_attr

#: Statuses of tasks a jump takes away (open ones, and failed service steps).
WAITING_STATUSES = (*OPEN_STATUSES, STATUS.ERROR)


@dataclass(frozen=True)
class Region:
    """A node's place in a parallel region: the split, its join and the branch number."""

    split: str
    join: str
    branch: int  # viewflow's 1-based branch number (the ``_<n>`` of the token)


def _reach(spec: FlowSpec, starts: Iterable[str], *, avoid: set[str]) -> set[str]:
    """Return the nodes reachable from ``starts`` (included) without entering ``avoid``."""
    seen: set[str] = set()
    stack = [s for s in starts if s not in avoid]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        stack.extend(e.target for e in spec.outgoing(current) if e.target not in avoid)
    return seen


def branch_order(spec: FlowSpec, split: str) -> list[str]:
    """Return the first node of each branch of ``split`` in viewflow's token order."""
    targets = [e.target for e in spec.outgoing(split)]
    is_join = [spec.nodes[t].type == NodeType.JOIN for t in targets]
    return [t for t, j in zip(targets, is_join, strict=True) if not j] + [
        t for t, j in zip(targets, is_join, strict=True) if j
    ]


def matching_join(spec: FlowSpec, split: str) -> str | None:
    """Return the join where every branch of ``split`` meets first, if any."""
    reaches = [_reach(spec, [t], avoid={split}) for t in branch_order(spec, split)]
    common = set.intersection(*reaches) if reaches else set()
    joins = {n for n in common if spec.nodes[n].type == NodeType.JOIN}
    for join in joins:
        if not any(join in _reach(spec, [other], avoid={split, join}) for other in joins - {join}):
            return join
    return None


def regions_around(spec: FlowSpec, node_id: str) -> list[Region]:
    """Return the regions ``node_id`` lies inside, innermost first (empty: top level)."""
    found: list[tuple[int, Region]] = []
    for split in (n.id for n in spec.nodes.values() if n.type == NodeType.PARALLEL):
        join = matching_join(spec, split)
        if join is None or node_id in (split, join):
            continue
        avoid = {split, join}
        for number, first in enumerate(branch_order(spec, split), 1):
            inside = _reach(spec, [first], avoid=avoid)
            if node_id in inside and join in _reach(spec, [node_id], avoid={split}):
                size = len(_reach(spec, branch_order(spec, split), avoid=avoid))
                found.append((size, Region(split, join, number)))
                break
    return [region for _size, region in sorted(found, key=lambda pair: pair[0])]


def _running_split(process: Any, region: Region) -> Task | None:
    """Return the split task of the running instance of ``region`` (``None``: not running)."""
    split = Task.objects.filter(process=process, node_id=region.split).order_by("-pk").first()
    if split is None or split.status != STATUS.DONE:
        return None
    prefix = f"{split.token.token}/{split.pk}_"
    waiting = Task.objects.filter(process=process, status__in=WAITING_STATUSES)
    if waiting.filter(token__startswith=Token(prefix)).exists():
        return split
    if waiting.filter(node_id=region.join, token=split.token).exists():
        return split
    return None


def open_in_region(
    anchor: Task, region: Region, target: str, *, root: str, assign_to: list | None
) -> tuple[list[int], list[Task]]:
    """Open ``target`` inside ``region`` as a jump; return (cancelled task ids, opened tasks).

    ``anchor`` is the process's latest task (what the new tasks follow), ``root`` the token of
    the process's top level. Outside a running instance of the region every waiting task is
    cancelled first, as any jump does.
    """
    from gongwen.runtime.engine.operations import cancel_tasks

    process = anchor.process
    split = _running_split(process, region)
    if split is not None:
        branch = f"{split.token.token}/{split.pk}_{region.branch}"
        in_branch = Task.objects.filter(process=process, token=Token(branch)) | Task.objects.filter(
            process=process, token__startswith=Token(branch + "/")
        )
        cancelled = list(in_branch.filter(status__in=WAITING_STATUSES).values_list("pk", flat=True))
        cancel_tasks(Task.objects.filter(pk__in=cancelled), Outcome.SUPERSEDED)
        # The new task follows the branch's latest task, so a 撤回 in another branch ignores it.
        last = in_branch.order_by("-pk").first() or split
        previous = last.flow_task.activation_class(last)
        return cancelled, _open(process, target, previous, branch, assign_to)
    waiting = Task.objects.filter(process=process, status__in=WAITING_STATUSES)
    cancelled = list(waiting.values_list("pk", flat=True))
    cancel_tasks(waiting, Outcome.SUPERSEDED)
    return cancelled, _run_split_into(anchor, region, target, Token(root), assign_to)


def _open(process: Any, target: str, previous: Any, token: str, assign_to: list | None) -> list:
    node = process.flow_class.instance.node(node_attr(target))
    activation = node._create(previous, Token(token), data={"assign_to": assign_to})
    return _batch_of(activation.task)


def _batch_of(task: Task) -> list[Task]:
    """Return the tasks created with ``task`` (a skipped node has no batch: just the task)."""
    if task.batch is None:
        return [task]
    return list(Task.objects.filter(process_id=task.process_id, batch=task.batch))


def _run_split_into(
    anchor: Task, region: Region, target: str, root: Token, assign_to: list | None
) -> list[Task]:
    """Run the region's split afresh with ``target`` standing in for its branch's start.

    Relies on ``Node._create``, ``SplitActivation.activate``/``complete``,
    ``Token.split_token_source`` and ``Activation._activate_next`` (viewflow).
    """
    process = anchor.process
    flow = process.flow_class.instance
    previous = anchor.flow_task.activation_class(anchor)
    split = flow.node(node_attr(region.split))._create(previous, root)
    split.activate()
    split.complete()
    tokens = Token.split_token_source(split.task.token, split.task.pk)
    activations = set()
    target_activation = None
    for number, first in enumerate(branch_order(process.flow_class.spec, region.split), 1):
        token = next(tokens)
        if number == region.branch:
            node = flow.node(node_attr(target))
            target_activation = node._create(split, token, data={"assign_to": assign_to})
            activations.add(target_activation)
        else:
            activations.add(flow.node(node_attr(first))._create(split, token))
    split._activate_next(activations)
    return _batch_of(target_activation.task)

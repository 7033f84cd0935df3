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

Nested regions apply the same rule from the inside out: if the innermost region is not running,
its split is what has to be opened in the enclosing region's branch — running if that one is,
afresh otherwise — up to the top level, where every waiting task is cancelled.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from viewflow.workflow.status import STATUS
from viewflow.workflow.token import Token

from gongwen.definitions.specs import FlowSpec, NodeType
from gongwen.runtime.engine.models import OPEN_STATUSES, Outcome, Task
from gongwen.runtime.engine.naming import node_attr

#: Statuses of tasks a jump takes away (open ones, and failed service steps).
WAITING_STATUSES = (*OPEN_STATUSES, STATUS.ERROR)

#: Creates what is being placed after ``previous`` (an activation) at ``token``; returns the
#: activations to push on together (viewflow's ``_activate_next``).
Opener = Callable[[Any, Token], set]


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
    anchor: Task,
    regions: list[Region],
    target: str,
    *,
    root: str,
    assign_to: list | None,
    cancelled: Callable[[list[int]], None] = lambda ids: None,
) -> list[Task]:
    """Open ``target`` inside ``regions`` (innermost first) as a jump.

    ``anchor`` is the process's latest task (what new tasks follow at the top level), ``root``
    the process's top-level token. ``cancelled`` is called with the ids of the tasks the jump
    took away, before anything opens (so a caller's trace row comes before the new ones).
    Returns the tasks opened at the target.
    """
    flow = anchor.process.flow_class.instance
    made: list[Task] = []

    def open_target(previous: Any, token: Token) -> set:
        node = flow.node(node_attr(target))
        activation = node._create(previous, token, data={"assign_to": assign_to})
        made.append(activation.task)
        return {activation}

    _place(anchor, list(regions), open_target, Token(root), cancelled)
    return _batch_of(made[0])


def _place(
    anchor: Task,
    regions: list[Region],
    opener: Opener,
    root: Token,
    cancelled: Callable[[list[int]], None],
) -> None:
    """Run ``opener`` where the innermost of ``regions`` needs it, after cancelling its place.

    Relies on ``Activation._activate_next`` (viewflow) to push the new activations on.
    """
    from gongwen.runtime.engine.operations import cancel_tasks

    process = anchor.process
    if not regions:
        waiting = Task.objects.filter(process=process, status__in=WAITING_STATUSES)
        taken = list(waiting.values_list("pk", flat=True))
        cancel_tasks(waiting, Outcome.SUPERSEDED)
        cancelled(taken)
        previous = _activation(anchor)
        previous._activate_next(opener(previous, root))
        return
    region, *outer = regions
    split = _running_split(process, region)
    if split is None:
        return _place(anchor, outer, _split_opener(process, region, opener), root, cancelled)
    branch = Token(f"{split.token.token}/{split.pk}_{region.branch}")
    in_branch = Task.objects.filter(process=process, token=branch) | Task.objects.filter(
        process=process, token__startswith=Token(branch.token + "/")
    )
    taken = list(in_branch.filter(status__in=WAITING_STATUSES).values_list("pk", flat=True))
    cancel_tasks(Task.objects.filter(pk__in=taken), Outcome.SUPERSEDED)
    cancelled(taken)
    # New tasks follow the branch's latest task, so a 撤回 in another branch leaves them alone.
    previous = _activation(in_branch.order_by("-pk").first() or split)
    previous._activate_next(opener(previous, branch))


def _split_opener(process: Any, region: Region, inner: Opener) -> Opener:
    """Return an opener that runs ``region``'s split afresh with ``inner`` in its branch.

    Relies on ``Node._create``, ``SplitActivation.activate``/``complete`` and
    ``Token.split_token_source`` (viewflow): the same tokens the split itself would hand out.
    """
    flow = process.flow_class.instance

    def open_split(previous: Any, token: Token) -> set:
        split = flow.node(node_attr(region.split))._create(previous, token)
        split.activate()
        split.complete()
        tokens = Token.split_token_source(split.task.token, split.task.pk)
        activations: set = set()
        for number, first in enumerate(branch_order(process.flow_class.spec, region.split), 1):
            branch = next(tokens)
            if number == region.branch:
                activations |= inner(split, branch)
            else:
                activations.add(flow.node(node_attr(first))._create(split, branch))
        return activations

    return open_split


def _activation(task: Task) -> Any:
    return task.flow_task.activation_class(task)


def _batch_of(task: Task) -> list[Task]:
    """Return the tasks created with ``task`` (a skipped node has no batch: just the task)."""
    if task.batch is None:
        return [task]
    return list(Task.objects.filter(process_id=task.process_id, batch=task.batch))

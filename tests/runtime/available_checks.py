"""Both directions of ``available_actions``: what it lists runs, what it leaves out is refused.

:func:`candidates` builds every action a person could try here — each code on each task (and
on the process) with every choice of parameter from a finite sample (every node as a target,
every position, every person of a sample) — keyed the way ``Available`` items are. A listed
item must run (in a savepoint rolled back) with each choice it lists (targets, positions) and
with at least one person of the sample where it takes a person; every candidate it does not
list must be refused by ``check()``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from gongwen.errors import GongwenError
from gongwen.runtime.actions import (
    AddSigner,
    Approve,
    Claim,
    Delegate,
    Jump,
    Reassign,
    Reject,
    RetryService,
    ReturnTo,
    SaveDraft,
    Terminate,
    Transfer,
    Unclaim,
    Urge,
    Withdraw,
)
from gongwen.runtime.actions.add_signer import POSITIONS
from gongwen.runtime.available import Available, available_actions
from gongwen.runtime.models import OPEN_STATUSES, Process, Task

#: Codes on a task and codes on the whole process.
TASK_CODES = (
    "approve",
    "reject",
    "return_to",
    "transfer",
    "delegate",
    "add_signer",
    "claim",
    "unclaim",
    "reassign",
    "retry",
    "withdraw",
    "save_draft",
)
PROCESS_CODES = ("urge", "terminate", "jump")


@dataclass(frozen=True)
class Candidate:
    """One concrete action a person could try: its code, task, choice and the action."""

    code: str
    task_id: int | None
    choice: Any  # the target node, the position, or None
    person: Any  # the person it takes (transfer, delegate, add_signer, reassign), or None
    action: Any


def candidates(process: Process, user: Any, people: Iterable[Any]) -> list[Candidate]:
    """Return every action ``user`` could try on ``process`` and its tasks (a finite sample)."""
    people = list(people)
    nodes = list(process.flow_class.spec.nodes)
    found = [
        Candidate("urge", None, None, None, Urge(process, user, message="请尽快办理")),
        Candidate("terminate", None, None, None, Terminate(process, user, reason="不再需要")),
        *(
            Candidate("jump", None, n, None, Jump(process, user, target=n, reason="调整"))
            for n in nodes
        ),
    ]
    tasks = Task.objects.filter(process=process).order_by("pk")
    for task in tasks:
        found += _task_candidates(task, user, nodes, people)
    return found


def _task_candidates(task: Task, user: Any, nodes: list[str], people: list) -> list[Candidate]:
    pk = task.pk
    if task.status not in (*OPEN_STATUSES, "ERROR"):
        return [Candidate("withdraw", pk, None, None, Withdraw(task, user))]
    found = [
        Candidate("approve", pk, None, None, Approve(task, user, opinion="同意")),
        Candidate("reject", pk, None, None, Reject(task, user, opinion="不同意")),
        Candidate("claim", pk, None, None, Claim(task, user)),
        Candidate("unclaim", pk, None, None, Unclaim(task, user)),
        Candidate("retry", pk, None, None, RetryService(task, user)),
        Candidate(
            "save_draft",
            pk,
            None,
            None,
            SaveDraft(user, task=task, title=task.process.title, urgency=task.process.urgency),
        ),
    ]
    found += [
        Candidate("return_to", pk, n, None, ReturnTo(task, user, target=n, opinion="请修改"))
        for n in nodes
    ]
    for person in people:
        found += [
            Candidate("transfer", pk, None, person, Transfer(task, user, to=person)),
            Candidate("delegate", pk, None, person, Delegate(task, user, to=person)),
            Candidate("reassign", pk, None, person, Reassign(task, user, to=person, reason="改派")),
        ]
        found += [
            Candidate(
                "add_signer", pk, p, person, AddSigner(task, user, people=[person], position=p)
            )
            for p in POSITIONS
        ]
    return found


def choices(item: Available) -> set[Any] | None:
    """Return the choices ``item`` lists (targets or positions), ``None`` if it has none."""
    if "targets" in item.params:
        return {t["node"] for t in item.params["targets"]}
    if "positions" in item.params:
        return set(item.params["positions"])
    return None


def refused(action: Any) -> bool:
    """Return whether ``action.check()`` refuses (with the one error type)."""
    try:
        action.check()
    except GongwenError:
        return True
    return False


def runs(action: Any) -> bool:
    """Return whether ``action`` executes; nothing it does is kept (a savepoint rolled back)."""
    try:
        with transaction.atomic():
            action.execute()
            transaction.set_rollback(True)
    except GongwenError:
        return False
    return True


def listed_for(item_map: dict, candidate: Candidate) -> bool:
    """Return whether ``candidate`` is among what ``available_actions`` listed."""
    item = item_map.get((candidate.code, candidate.task_id))
    if item is None:
        return False
    listed = choices(item)
    return listed is None or candidate.choice in listed


def assert_both_directions(process: Process, user: Any, people: Iterable[Any]) -> list[Available]:
    """Assert every listed action runs and every candidate not listed is refused."""
    items = available_actions(process, user)
    item_map = {(i.code, i.task_id): i for i in items}
    assert len(item_map) == len(items), f"an action listed twice: {items}"
    by_item: dict[tuple, list[Candidate]] = {}
    for candidate in candidates(process, user, people):
        if listed_for(item_map, candidate):
            by_item.setdefault((candidate.code, candidate.task_id, candidate.choice), []).append(
                candidate
            )
        else:
            assert refused(candidate.action), (
                f"{candidate.code} on {candidate.task_id} ({candidate.choice}, "
                f"{getattr(candidate.person, 'username', None)}) by {user.username}: not listed, "
                "but check() lets it run"
            )
    for item in items:
        for choice in choices(item) or {None}:
            tried = by_item.get((item.code, item.task_id, choice), [])
            if item.code == "approve" and item.params.get("missing"):
                data = dict.fromkeys(item.params["missing"], "测试")
                tried = [Candidate("approve", item.task_id, None, None, _approve(item, user, data))]
            assert any(runs(c.action) for c in tried), (
                f"{item.code} on {item.task_id} ({choice}) listed for {user.username}, "
                "but it does not run"
            )
    return items


def _approve(item: Available, user: Any, data: dict) -> Approve:
    return Approve(item.task_id, user, opinion="同意", data=data)

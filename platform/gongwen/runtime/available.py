"""What may this person do here: the actions a person may take on a task or a process.

:func:`available_actions` answers from the actions' own checks: it builds each candidate action
with valid parameters and keeps it when its ``validate`` passes — the very method ``check()``
and ``execute()`` run — so the answer is never wrong in either direction. Parameters with a
choice are found the same way: every candidate 退回 target and 跳转 target is checked on its
own; actions that take a person (转办, 委托, 加签, 改派) are checked with a *witness*, someone who
holds nothing at the step, since they are available exactly when somebody may receive them.

The task or process is loaded once and handed to every check (``validate(target)`` is what
``check()`` runs on what ``load()`` returns), so the number of queries depends on the flow's
shape (its nodes, the open tasks) and not on how long its history is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from gongwen.errors import GongwenError
from gongwen.forms import InvalidSubmission, Stage, field_rights
from gongwen.kernel.transactions import translating
from gongwen.org.models import User
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
from gongwen.runtime.actions.base import LockedAction, acting_for, is_person
from gongwen.runtime.actions.form_data import form_of
from gongwen.runtime.engine.operations import RESUBMIT_NODE, is_human
from gongwen.runtime.models import OPEN_STATUSES, Outcome, Process, Task

#: Text standing in for an opinion or a reason while checking: a check needs one where the
#: step requires it; what the person writes is theirs to give.
PROBE_TEXT = "…"
#: How many witnesses to try for an action that takes a person (the first usually passes;
#: another is needed when the first's 委托 sends the task back to someone at the step).
WITNESSES = 3
#: Node types a 跳转 or 退回 may aim at (the checks refuse the rest; no need to try them).
STEP_TYPES = frozenset({"start", "approve", "handle"})


@dataclass(frozen=True)
class Available:
    """One action a person may take now, with what they may choose for it.

    Attributes:
        code: the node-level short code (``approve``, ``return_to``; as a node's ``actions``
            lists them).
        action: the kernel registry code (``gongwen.task.approve``): :func:`action_for` gives
            the class.
        task_id: the task it is taken on; ``None`` for an action on the whole process.
        params: what the person chooses or must give (see :func:`available_actions`).
    """

    code: str
    action: str
    task_id: int | None
    params: Mapping[str, Any] = field(default_factory=dict)


def available_actions(subject: Task | Process, user: Any) -> list[Available]:
    """Return the actions ``user`` may take on ``subject`` now, with their parameters.

    For a task: the actions on that task (同意, 不同意, 退回, 撤回, 转办, 委托, 加签, 认领,
    退回认领池; for administrators 改派 and 重试). For a process: the actions on the process
    (催办, 终止; for administrators 跳转) and those on each of its open tasks and on the tasks
    the person completed (撤回).

    ``params`` by code: ``approve`` — ``opinion_required``, ``fields`` (every form field's
    right at this step: hidden, readonly, editable or required), ``missing`` (required fields
    still empty that the data must fill), ``choose`` (later steps whose people this step
    picks: ``node``, ``name``); ``reject`` — ``opinion_required``; ``return_to`` and ``jump`` —
    ``targets`` (``node``, ``name``); ``transfer``, ``delegate``, ``reassign`` — ``to``: a
    person; ``add_signer`` — ``positions``; ``terminate`` — ``reason_required``; ``urge`` —
    ``tasks`` (those due a reminder).
    """
    if isinstance(subject, Task):
        task = _loaded_task(subject.pk)
        return _on_task(task, user) if task is not None else []
    process = Process.objects.filter(pk=subject.pk).first()
    if process is None:
        return []
    found = _on_process(process, user)
    for task in _open_tasks(process):
        found += _on_task(task, user)
    for task in _withdrawable_candidates(process, user):
        found += _withdraw(task, user)
    return found


# Loading ----------------------------------------------------------------------------------------


def _loaded_task(task_id: int) -> Task | None:
    """Return the task as the actions load it (with its process and owner), or ``None``."""
    return Task.objects.select_related("process", "owner").filter(pk=task_id).first()


def _open_tasks(process: Process) -> list[Task]:
    """Return the process's open and failed tasks, sharing ``process`` (one query)."""
    rows = Task.objects.filter(process=process, status__in=[*OPEN_STATUSES, "ERROR"])
    tasks = list(rows.select_related("owner").order_by("pk"))
    for task in tasks:
        task.process = process
    return tasks


def _withdrawable_candidates(process: Process, user: Any) -> list[Task]:
    """Return the latest task per node ``user`` completed in ``process`` (one query).

    An older task of the same node cannot be withdrawn: the node was reached again since, so
    what it led to was sent back (:class:`Withdraw` refuses it).
    """
    if not is_person(user) or process.finished is not None:
        return []
    done = Task.objects.filter(
        process=process,
        completed_by=user,
        status="DONE",
        outcome__in=(Outcome.APPROVED, Outcome.COMPLETED),
    )
    latest: dict[str, Task] = {}
    for task in done.select_related("owner").order_by("-finished", "-pk"):
        task.process = process
        latest.setdefault(task.node_id, task)
    return list(latest.values())


# Checking ---------------------------------------------------------------------------------------


def passes(action: LockedAction, target: Any) -> bool:
    """Return whether ``action`` may run on ``target`` (its loaded task or process).

    Runs the action's own ``validate`` — what ``check()`` runs after loading — on the target
    loaded once for every candidate.
    """
    try:
        translating(lambda: action.validate(target))
    except GongwenError:
        return False
    return True


def _item(action: LockedAction, task_id: int | None, **params: Any) -> Available:
    return Available(type(action).code, type(action).audit_action, task_id, params)


# Tasks ------------------------------------------------------------------------------------------


def _on_task(task: Task, user: Any) -> list[Available]:
    found: list[Available] = []
    if _acts_on(task, user):
        found += _decisions(task, user)
        found += _hand_overs(task, user)
    found += [
        _item(a, task.pk) for a in (Claim(task, user), Unclaim(task, user)) if passes(a, task)
    ]
    if task.node_id == RESUBMIT_NODE and task.status in OPEN_STATUSES:
        found += _save_draft(task, user)
    if is_person(user) and user.is_superuser:
        found += _admin_task_actions(task, user)
    found += _withdraw(task, user)
    return found


def _acts_on(task: Task, user: Any) -> bool:
    """Return whether ``user`` holds ``task`` or stands in for its holder (as every task action
    asks first, :func:`acting_for`); the task actions' checks are run only then."""
    if task.status not in OPEN_STATUSES or not is_human(task):
        return False
    try:
        translating(lambda: acting_for(task, user))
    except GongwenError:
        return False
    return True


def _decisions(task: Task, user: Any) -> list[Available]:
    spec = task.flow_task.spec
    found = []
    approve = _approve(task, user)
    if approve is not None:
        found.append(approve)
    reject = Reject(task, user, opinion=PROBE_TEXT)
    if passes(reject, task):
        found.append(_item(reject, task.pk, opinion_required=spec.opinion_required))
    targets = _targets(
        (n for n in task.process.flow_class.spec.nodes.values() if n.type in STEP_TYPES),
        lambda node_id: ReturnTo(task, user, target=node_id, opinion=PROBE_TEXT),
        task,
    )
    if targets:
        action = ReturnTo(task, user, target=targets[0]["node"])
        found.append(
            _item(action, task.pk, targets=targets, opinion_required=spec.opinion_required)
        )
    return found


def _approve(task: Task, user: Any) -> Available | None:
    """Return 同意 with the step's field rights, or ``None`` if it is refused.

    Checked without form data: refused only for required fields still empty, it is available
    — the person fills them (``missing``).
    """
    action = Approve(task, user, opinion=PROBE_TEXT)
    missing: list[str] = []
    try:
        translating(lambda: action.validate(task))
    except InvalidSubmission as refused:
        if any(p.code != "form.required" for p in refused.problems):
            return None
        missing = [p.pointer.lstrip("/") for p in refused.problems]
    except GongwenError:
        return None
    spec = task.process.flow_class.spec
    node = task.flow_task.spec
    resubmit = task.node_id == RESUBMIT_NODE
    rights = field_rights(
        form_of(spec),
        spec.start.fields if resubmit else node.fields,
        stage=Stage.START if resubmit else Stage.NODE,
    )
    choose = [
        {"node": n.id, "name": dict(n.name)}
        for n in spec.nodes.values()
        if n.assignee is not None and n.assignee.rule == "previous_step_chosen"
    ]
    return _item(
        action,
        task.pk,
        opinion_required=node.opinion_required,
        fields=rights,
        missing=missing,
        choose=choose,
    )


def _targets(
    nodes: Iterable[Any], build: Callable[[str], LockedAction], target: Any
) -> list[dict[str, Any]]:
    """Return ``{node, name}`` of every node whose action (``build(node id)``) passes."""
    return [
        {"node": node.id, "name": dict(node.name)}
        for node in nodes
        if passes(build(node.id), target)
    ]


def _hand_overs(task: Task, user: Any) -> list[Available]:
    """Return 转办, 委托 and 加签 if someone may receive them (checked with witnesses)."""
    found = []
    witnesses = _witnesses(task, user)
    for build in (
        lambda to: Transfer(task, user, to=to),
        lambda to: Delegate(task, user, to=to),
    ):
        action = next((a for a in map(build, witnesses) if passes(a, task)), None)
        if action is not None:
            found.append(_item(action, task.pk, to="person"))
    positions = [
        position
        for position in POSITIONS
        if any(
            passes(AddSigner(task, user, people=[w], position=position), task) for w in witnesses
        )
    ]
    if positions:
        found.append(_item(AddSigner(task, user, people=[]), task.pk, positions=positions))
    return found


def _witnesses(task: Task, user: Any) -> list[User]:
    """Return a few active people cleared for the process who hold nothing at ``task``'s node.

    One query: whoever has or had a task of the batch, or is it for, is left out, and so is
    ``user``; the rest is the actions' to judge.
    """
    batch = Task.objects.filter(process_id=task.process_id, batch=task.batch)
    if task.batch is None:
        batch = Task.objects.filter(pk=task.pk)
    people = User.objects.filter(is_active=True, clearance__gte=task.process.secrecy)
    people = people.exclude(
        Q(pk__in=batch.exclude(owner=None).values("owner"))
        | Q(pk__in=batch.exclude(on_behalf_of=None).values("on_behalf_of"))
        | Q(pk=getattr(user, "pk", None))
    )
    return list(people.order_by("pk")[:WITNESSES])


def _admin_task_actions(task: Task, user: Any) -> list[Available]:
    found = []
    retry = RetryService(task, user)
    if passes(retry, task):
        found.append(_item(retry, task.pk))
    if task.status in OPEN_STATUSES and is_human(task):
        for witness in _witnesses(task, user):
            reassign = Reassign(task, user, to=witness, reason=PROBE_TEXT)
            if passes(reassign, task):
                found.append(_item(reassign, task.pk, to="person"))
                break
    return found


def _save_draft(task: Task, user: Any) -> list[Available]:
    """Return 存草稿 on a 修改后重新提交 task (the returned process's data, kept unfinished)."""
    process = task.process
    action = SaveDraft(user, task=task, title=process.title, urgency=process.urgency)
    try:
        translating(action.check)
    except GongwenError:
        return []
    return [Available(SaveDraft.code, SaveDraft.audit_action, task.pk, {})]


def _withdraw(task: Task, user: Any) -> list[Available]:
    if task.status != "DONE" or not is_person(user) or task.completed_by_id != user.pk:
        return []
    action = Withdraw(task, user)
    return [_item(action, task.pk)] if passes(action, task) else []


# Processes --------------------------------------------------------------------------------------


def _on_process(process: Process, user: Any) -> list[Available]:
    found = []
    urge = Urge(process, user)
    if passes(urge, process):
        found.append(_item(urge, None, tasks=[t.pk for t in urge.due]))
    terminate = Terminate(process, user, reason=PROBE_TEXT)
    if passes(terminate, process):
        found.append(_item(terminate, None, reason_required=True))
    if is_person(user) and user.is_superuser:
        targets = _targets(
            (n for n in process.flow_class.spec.nodes.values() if n.type in STEP_TYPES),
            lambda node_id: Jump(process, user, target=node_id, reason=PROBE_TEXT),
            process,
        )
        if targets:
            jump = Jump(process, user, target=targets[0]["node"])
            found.append(_item(jump, None, targets=targets))
    return found

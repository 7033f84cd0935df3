"""The seam: what the rest of Gongwen may ask of the engine, in viewflow-free terms.

Actions call these inside their transaction, after locking the process with
:func:`lock_process`. Each function names the viewflow internals it relies on; every one of
them is exercised by ``tests/runtime/test_engine__viewflow_seam.py``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.timezone import now
from viewflow.workflow.status import PROCESS, STATUS
from viewflow.workflow.token import Token

from gongwen.definitions.specs import ApprovalMode, FlowSpec, NodeSpec, NodeType
from gongwen.runtime.engine.batches import open_in_batch
from gongwen.runtime.engine.flows import flow_class_for
from gongwen.runtime.engine.human import WITHDRAWN_MARK, HumanTask
from gongwen.runtime.engine.models import OPEN_STATUSES, Outcome, Process, Task
from gongwen.runtime.engine.naming import RESUBMIT_NODE, node_attr
from gongwen.runtime.engine.opened import NewTasks, note_bulk_change, noting_new_tasks
from gongwen.runtime.engine.sequence import continue_sequence, follow_what_led_to
from gongwen.runtime.engine.signers import hand_back_to_adder
from gongwen.runtime.engine.subflow import child_ended, end_children

__all__ = ["RESUBMIT_NODE", "WITHDRAWN_MARK", "NewTasks", "noting_new_tasks"]


class Decision(StrEnum):
    """What completing one task did to its node."""

    WAITING = "waiting"  # others in the batch still have to act
    NEXT_IN_SEQUENCE = "next_in_sequence"  # 依次: the next person's task is open
    MOVED_ON = "moved_on"  # the node is decided; the flow went on
    RATIO_FAILED = "ratio_failed"  # everyone acted, too few approved


def start_process(spec: FlowSpec, *, initiator: Any, **fields: Any) -> Process:
    """Create a process of ``spec``, complete its start and run until the first waits.

    Uses ``StartHandle.run`` (viewflow creates the process and start task, locks, completes
    the start and activates what follows).
    """
    flow_class = flow_class_for(spec)
    start = flow_class.instance.node(node_attr(spec.start.id))
    return start.run(
        initiator=initiator,
        definition_key=spec.key,
        definition_version=spec.version,
        **fields,
    )


def lock_process(process_id: int) -> Process:
    """Return the process row locked for this transaction (``SELECT … FOR UPDATE``)."""
    return Process.objects.select_for_update().get(pk=process_id)


def lock_process_of_task(task_id: int) -> int | None:
    """Lock the process ``task_id`` belongs to (one statement); return its id, or ``None``.

    Read the task *after* this: a row read in the locking statement could be a stale version
    once the lock is granted (only the locked process row is re-read by PostgreSQL).
    """
    locked = (
        Process.objects.select_for_update(of=("self",))
        .filter(task__pk=task_id)
        .values_list("pk", flat=True)
    )
    return next(iter(locked), None)


def load_task_locked(task_id: int) -> Task | None:
    """Return the task with its process, its process row locked, in one statement.

    ``FOR UPDATE OF process, task`` locks the process first (PostgreSQL takes the rows of the
    ``OF`` list in order, and every writer of a task holds its process's lock, so the order
    cannot deadlock), then the task row itself: a task changed while we waited is re-read at
    its latest version, so a racer sees the winner's result. SQLite ignores ``FOR UPDATE``; its
    ``BEGIN IMMEDIATE`` already serialises writers.
    """
    locked = (
        Task.objects.select_related("process")
        .select_for_update(of=("process", "self"))
        .filter(pk=task_id)
        .order_by()  # not the models' default ordering: one row, and less to compile
    )
    return next(iter(locked), None)


def node_spec(task: Task) -> NodeSpec:
    """Return the spec of the node ``task`` belongs to."""
    return task.flow_task.spec


def is_human(task: Task) -> bool:
    """Return whether ``task`` is a person's task (approve/handle)."""
    return isinstance(task.flow_task, HumanTask)


def open_tasks(process: Process) -> QuerySet[Task]:
    """Return the process's tasks still waiting."""
    return Task.objects.filter(process=process, status__in=OPEN_STATUSES)


def complete_task(task: Task, actor: Any, outcome: str = Outcome.APPROVED) -> Decision:
    """Finish ``task`` as ``actor`` and move the flow on if its node is now decided.

    Relies on: ``activation.finish`` (ours), ``Activation.activate_next`` → ``create_next``
    → ``Node._create`` → ``_activate_next`` (viewflow) for everything after the node.
    """
    node: HumanTask = task.flow_task
    activation = close_task(task, actor, outcome)
    if task.data.get("before_of") and hand_back_to_adder(task):
        return Decision.WAITING
    if node.spec.mode == ApprovalMode.SEQUENTIAL and (going_on := continue_sequence(task)):
        return going_on
    if not node.batch_decided(task):
        return Decision.WAITING
    if node.spec.mode == ApprovalMode.RATIO and not node.ratio_met(task):
        return Decision.RATIO_FAILED
    if _batch_may_be_open(task):
        cancel_tasks(node.batch_tasks(task).filter(status__in=OPEN_STATUSES))
    if node.spec.type not in (NodeType.APPROVE, NodeType.HANDLE):
        from gongwen.runtime.steps import run_person_step

        run_person_step(node.spec, task.process, task)
    activation.activate_next()
    return Decision.MOVED_ON


def _batch_may_be_open(task: Task) -> bool:
    """Return whether ``task``'s decided batch may still hold open tasks to cancel.

    Not when the node waits for everyone (会签: decided only once nobody is left), nor when the
    task is marked alone in its batch (one person, nobody added): a statement saved per approval.
    """
    mode = task.flow_task.spec.mode
    if mode == ApprovalMode.ALL:
        return False
    if mode in (ApprovalMode.SINGLE, ApprovalMode.ANY):
        # Only a batch known to hold one person is passed over; without the mark (a batch
        # opened by an earlier version, a pool task) it is swept.
        marks = task.data
        return not marks.get("alone") or bool(marks.get("added") or marks.get("has_added"))
    return True


def close_task(task: Task, actor: Any, outcome: str) -> Any:
    """Finish ``task`` as ``actor`` with ``outcome`` without moving the flow on."""
    activation = task.flow_task.activation_class(task)
    activation.finish(actor, outcome)
    return activation


def open_tasks_in_scope(process: Process, token: str, prefix: str = "") -> QuerySet[Task]:
    """Return the open tasks whose token is ``token`` or (if given) starts with ``prefix``.

    viewflow's ``TokenField`` wants ``Token`` objects in lookups, not strings.
    """
    scope = Q(token=Token(token))
    if prefix:
        scope |= Q(token__startswith=Token(prefix))
    return open_tasks(process).filter(scope)


def add_to_batch(task: Task, assignments: list) -> list[Task]:
    """Add one task per assignment to ``task``'s batch (加签); the batch then needs them all.

    For single/any nodes the adder claims the node: the other candidates' tasks are cancelled.
    """
    node: HumanTask = task.flow_task
    if node.spec.mode in (ApprovalMode.SINGLE, ApprovalMode.ANY):
        others = node.batch_tasks(task).filter(status__in=OPEN_STATUSES).exclude(pk=task.pk)
        candidates = [t.pk for t in others if not t.data.get("added")]
        cancel_tasks(Task.objects.filter(pk__in=candidates), Outcome.SUPERSEDED)
    if task.status in OPEN_STATUSES:
        task.data = {**task.data, "has_added": True}
        task.save(update_fields=["data"])
    added = [
        open_in_batch(task, a.user.pk, a.on_behalf_of_id, {"added": True}, link=False)
        for a in assignments
    ]
    for new in added:  # they stand at the adder's place: the adder's 撤回 leaves them be
        follow_what_led_to(new, task)
    return added


def cancel_tasks(tasks: QuerySet[Task], outcome: str = "") -> int:
    """Cancel the given open tasks in one statement; return how many."""
    note_bulk_change()
    return tasks.update(status=STATUS.CANCELED, finished=now(), outcome=outcome)


def reopen_node(from_task: Task, node_id: str, *, token: str, assign_to: list) -> list[Task]:
    """Create fresh tasks of ``node_id`` for exactly ``assign_to`` (a jump: 退回 or 撤回).

    ``assign_to`` is ``[[user_id, on_behalf_of_id], …]`` (``None``: the node's own rule, which
    may skip the node — 特急, or nobody found with ``on_empty: skip`` — and then the flow goes
    on from it). Returns the tasks left open. Relies on ``Node._create`` with an explicit token
    (viewflow's token keeps parallel branches apart; see :func:`token_of`) and
    ``Activation._activate_next`` to carry a skipped node on.
    """
    process = from_task.process
    node = process.flow_class.instance.node(node_attr(node_id))
    previous = from_task.flow_task.activation_class(from_task)
    with noting_new_tasks() as new_tasks:
        known = set(new_tasks.tasks)
        activation = node._create(previous, Token(token), data={"assign_to": assign_to})
        previous._activate_next({activation})
        return [t for t in new_tasks.still_open() if t.pk not in known]


def reopen_task(task: Task) -> Task:
    """Open a copy of the finished ``task`` for the same person, in the same batch (撤回)."""
    data = {k: v for k, v in task.data.items() if k != WITHDRAWN_MARK}
    return open_in_batch(task, task.owner_id, task.on_behalf_of_id, data)


def token_of(task: Task) -> str:
    """Return the execution token of ``task`` as a string (``start``, ``start/12_1`` …)."""
    return task.token.token


def end_process(process: Process, outcome: str) -> None:
    """Cancel whatever is open and finish ``process`` with ``outcome`` (e.g. rejected)."""
    end_children(process)
    cancel_tasks(open_tasks(process))
    process.status = PROCESS.DONE
    process.finished = now()
    process.outcome = outcome
    process.save(update_fields=["status", "finished", "outcome"])
    child_ended(process)


def leading_tasks(task: Task) -> QuerySet[Task]:
    """Return the tasks viewflow created directly from ``task`` (its ``leading`` relation)."""
    return task.leading.all()

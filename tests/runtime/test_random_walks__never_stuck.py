"""Random walks through random flows: the runtime never gets stuck and never loses a step.

Hypothesis draws a valid flow (``random_flows``: person steps of every mode, exclusive
gateways, parallel splits, cc steps, 认领 pools, nested), starts it (特急 or not) and takes
random actions on random open tasks — approve, reject, 退回, 转办, 加签, 撤回, 委托, 认领 and
退回认领池, an administrator's 改派 and 跳转, now and then 终止 — sometimes by someone who may
not. At every step, both directions of ``available_actions``: the action drawn runs if it is
listed for its actor (an action that takes a person may still refuse that one person: it is
listed when someone may receive it) and is refused if it is not; and one more action drawn from
every candidate (each code, task, target and position, people of the sample) is refused by
``check()`` unless listed. After every step:

* a running process has an open person's task (so someone can move it on); a finished one has
  nothing open; no task is in error (these flows have no service or subflow steps);
* a refused action (``GongwenError``) changed nothing at all;
* no join waits twice, and nobody holds two open tasks of one node's batch.

Then everyone approves what is open until the process ends (it must), and the record holds:
the audit log replays the trace row for row, the hash chain is intact, every task was
completed by at most one action and every completed person's task has its trace row, and a
process ended rejected only because someone rejected.

Examples: ``GONGWEN_WALKS`` sets how many (default 60, ``CI`` 120: about 0.25 s each on
SQLite). What the walks found is kept as small deterministic tests in
``test_random_walks__regressions.py``.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import Any

from django.db import transaction
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st

from gongwen.audit.models import AuditEvent
from gongwen.audit.verification import verify_chain
from gongwen.errors import GongwenError
from gongwen.runtime.actions import (
    AddSigner,
    Approve,
    Claim,
    Delegate,
    Jump,
    Reassign,
    Reject,
    ReturnTo,
    Terminate,
    Transfer,
    Unclaim,
    Withdraw,
)
from gongwen.runtime.available import available_actions
from gongwen.runtime.engine.operations import is_human
from gongwen.runtime.models import OPEN_STATUSES, Outcome, Process, Task, TraceEntry
from gongwen.runtime.pool import is_pool_task
from tests.runtime.available_checks import Candidate, candidates, listed_for, refused
from tests.runtime.helpers import snapshot, start
from tests.runtime.random_flows import (
    AMOUNTS,
    INITIATOR,
    PEOPLE,
    POOL_MEMBERS,
    render,
    structures,
)

EXAMPLES = int(os.environ.get("GONGWEN_WALKS") or (120 if os.environ.get("CI") else 60))
#: Random steps per walk (the walk stops earlier when the process ends).
STEPS = 25
#: Bound on the approvals that finish a walk: every flow ends well within it.
FINISH_STEPS = 300
#: Random actions, approval the most likely (and the one Hypothesis shrinks towards).
KINDS = (
    *["approve"] * 8,
    *["return"] * 3,
    *["withdraw"] * 3,
    *["add_signer"] * 3,
    *["transfer"] * 2,
    *["delegate"] * 2,
    *["claim"] * 2,  # 认领 an unowned pool task, or put a claimed one back
    "reassign",  # 改派 by the administrator
    "jump",  # 跳转 by the administrator
    "terminate",  # 终止, by the initiator or the administrator; mostly not drawn (see below)
    "reject",
)
#: Actions that take a person: listed when someone may receive them, so the one drawn may
#: still be refused — for that person (the error points at them).
TAKES_A_PERSON = {"transfer", "delegate", "add_signer", "reassign"}
PERSON_REFUSALS = {"action.invalid_input", "secrecy.not_cleared"}
#: Trace actions that complete the task they name.
COMPLETING = {
    "gongwen.task.approve": Outcome.APPROVED,
    "gongwen.task.auto_approve": Outcome.APPROVED,
    "gongwen.task.reject": Outcome.REJECTED,
    "gongwen.task.return": Outcome.RETURNED,
}
WAITING = (*OPEN_STATUSES, "ERROR")
RETURNABLE = ("start", "approve", "handle")


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # the demo people; each example rolls back
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(structure=structures(), data=st.data())
def test_random_walks_never_get_stuck_nor_lose_a_step(people, structure, data) -> None:
    generated = render(structure)
    note(f"flow: {generated.flow_doc['nodes']}\nedges: {generated.flow_doc['edges']}")
    spec = generated.compile()
    with transaction.atomic():  # a savepoint per example: each starts from the demo alone
        process = _start(spec, generated, people, data)
        for number in range(STEPS):
            if process.finished is not None:
                break
            _random_step(process, spec, people, data, number)
            process.refresh_from_db()
            _check_state(process)
        event(f"walk ended: {process.outcome or 'running'}")
        _finish(process, people)
        _check_record(process)
        transaction.set_rollback(True)


def _start(spec: Any, generated: Any, people: dict, data: Any) -> Process:
    urgency = data.draw(st.sampled_from(("", "特急")), label="urgency")
    form = {"amount": data.draw(st.sampled_from(AMOUNTS), label="amount"), **generated.people}
    process = start(spec, people[INITIATOR], data=form, urgency=urgency)
    _check_state(process)
    return process


def _random_step(process: Process, spec: Any, people: dict, data: Any, number: int) -> None:
    """Draw one action on one task, run it; listed it must run, else be refused unchanged."""
    kind = data.draw(st.sampled_from(KINDS), label=f"step {number}")
    # Draws never depend on the database's state (how many tasks are open, say): the same
    # choices must replay the same way, or Hypothesis cannot shrink or replay an example.
    pick = data.draw(st.integers(0, 7), label="which task")
    if kind == "terminate" and data.draw(st.integers(0, 4), label="really?") != 0:
        kind = "approve"  # 终止 ends the walk: keep it rare (about one walk in six)
    if kind == "withdraw":
        done = _done_tasks(process)[:4]
        if not done:
            return
        task = done[pick % len(done)]
        actor = _actor(task.completed_by, people, data)
        action: Any = Withdraw(task, actor)
    elif kind in ("jump", "terminate"):
        task = None
        action = _process_action(kind, process, spec, people, data)
        actor = action.actor
    else:
        tasks = _open_person_tasks(process)
        task = tasks[pick % len(tasks)]
        actor = _actor(task.owner, people, data)
        action = _task_action(kind, task, actor, spec, people, data)
        actor = action.actor  # 改派 is drawn for the administrator, mostly
    items = {(i.code, i.task_id): i for i in available_actions(process, actor)}
    _check_unlisted(process, actor, items, people, data)
    listed = _listed(items, action, task)
    before = snapshot()
    note(f"step {number}: {_describe(action, task, actor)} (listed: {listed})")
    try:
        action.execute()
        event(f"{kind}: done")
    except GongwenError as refusal:
        event(f"{kind}: {refusal.code}")
        note(f"  refused: {refusal.code} {refusal.pointer} {refusal}")
        assert snapshot() == before, f"refused {kind} changed something"
        assert not listed or _refused_for_the_person(kind, refusal), (
            f"{kind} was listed for {actor.username} but refused: {refusal.code}"
        )
    else:
        assert listed, f"{kind} by {actor.username} ran, but available_actions did not list it"


def _listed(items: dict, action: Any, task: Task | None) -> bool:
    """Return whether ``items`` (what was listed, by code and task) holds ``action``."""
    choice = getattr(action, "target", None) or getattr(action, "position", None)
    candidate = Candidate(type(action).code, task.pk if task else None, choice, None, action)
    return listed_for(items, candidate)


def _refused_for_the_person(kind: str, refusal: GongwenError) -> bool:
    """Return whether a listed action was refused only for the person it named.

    Its other parameters are what was listed (a position) or plain text; some refusals of the
    person carry no pointer yet (转办 or 委托 to the holder themselves).
    """
    about_the_person = (refusal.pointer or "").startswith(("/to", "/people"))
    return kind in TAKES_A_PERSON and (about_the_person or refusal.code in PERSON_REFUSALS)


def _check_unlisted(process: Process, actor: Any, items: dict, people: dict, data: Any) -> None:
    """Draw one more candidate for ``actor``: unless listed, ``check()`` must refuse it."""
    draw = data.draw(st.integers(0, 10**6), label="another candidate")
    sample = [people[u] for u in PEOPLE]
    found = candidates(process, actor, sample)
    candidate = found[draw % len(found)]
    if not listed_for(items, candidate):
        assert refused(candidate.action), (
            f"{candidate.code} on {candidate.task_id} ({candidate.choice}, "
            f"{getattr(candidate.person, 'username', None)}) by {actor.username}: "
            "not listed, but check() lets it run"
        )
    event(f"unlisted candidate checked: {candidate.code}")


def _process_action(kind: str, process: Process, spec: Any, people: dict, data: Any) -> Any:
    if kind == "terminate":
        who = data.draw(st.sampled_from((INITIATOR, "admin", *PEOPLE)), label="terminator")
        return Terminate(process, people[who], reason="不再办理")
    # A 跳转 to a step that may be skipped (nobody found, or 特急) is left out: it can leave a
    # branch's task open (a known bug, test_random_walks__found_by_available.py, xfail).
    kept = [n for n in spec.nodes.values() if not _may_be_skipped(n)]
    steps = [n.id for n in kept if n.type in ("approve", "handle")] or [kept[0].id]
    nodes = data.draw(st.sampled_from((steps, steps, steps, [n.id for n in kept])))
    target = data.draw(st.sampled_from(nodes), label="jump target")
    actor = people[data.draw(st.sampled_from(("admin", "admin", "admin", *PEOPLE)), label="jumper")]
    return Jump(process, actor, target=target, reason="调整流程")


def _may_be_skipped(node: Any) -> bool:
    person_step = node.type in ("approve", "handle")
    return person_step and (str(node.on_empty) == "skip" or bool(node.skippable_when_urgent))


def _task_action(kind, task, actor, spec, people, data) -> Any:
    pick = st.sampled_from(PEOPLE)
    if kind == "approve":
        return Approve(task, actor, opinion="同意")
    if kind == "reject":
        return Reject(task, actor, opinion="不同意")
    if kind == "return":
        # Mostly a step a person did (or the start), sometimes any node at all.
        steps = [n.id for n in spec.nodes.values() if n.type in RETURNABLE]
        nodes = data.draw(st.sampled_from((steps, steps, steps, list(spec.nodes))))
        return ReturnTo(task, actor, target=data.draw(st.sampled_from(nodes), label="target"))
    if kind == "transfer":
        return Transfer(task, actor, to=people[data.draw(pick, label="to")])
    if kind == "delegate":
        return Delegate(task, actor, to=people[data.draw(pick, label="to")])
    if kind == "reassign":
        admin = data.draw(st.integers(0, 3), label="by admin?") != 0
        return Reassign(
            task,
            people["admin"] if admin else actor,
            to=people[data.draw(pick, label="to")],
            reason="工作调整",
        )
    if kind == "claim":
        if task.owner_id is None:
            return Claim(task, actor)
        return Unclaim(task, actor)
    added = data.draw(st.lists(pick, min_size=1, max_size=2, unique=True), label="added")
    position = data.draw(st.sampled_from(("parallel", "after", "before")), label="position")
    return AddSigner(task, actor, people=[people[u] for u in added], position=position)


def _actor(holder: Any, people: dict, data: Any) -> Any:
    """Return the holder of the task, or now and then someone who may not act on it.

    An unowned 认领 task has no holder: a member of its pool, or now and then anyone.
    """
    member = people[data.draw(st.sampled_from(POOL_MEMBERS), label="pool member")]
    if data.draw(st.integers(0, 9), label="stranger?") == 0:
        return people[data.draw(st.sampled_from(PEOPLE), label="stranger")]
    return holder if holder is not None else member


def _describe(action: Any, task: Task | None, actor: Any) -> str:
    if task is None:
        return f"{type(action).__name__} by {actor.username} {getattr(action, 'target', '')}"
    owner = task.owner.username if task.owner_id else "-"
    extra = {
        k: getattr(v, "username", v)
        for k, v in vars(action).items()
        if k in ("target", "to", "position")
    }
    if isinstance(action, AddSigner):
        extra["people"] = [p.username for p in action.people]
    return (
        f"{type(action).__name__} task {task.pk} at {task.node_id} ({task.status}, {owner}) "
        f"by {actor.username} {extra}"
    )


def _open_person_tasks(process: Process) -> list[Task]:
    open_tasks = Task.objects.filter(process=process, status__in=OPEN_STATUSES).order_by("pk")
    return [t for t in open_tasks if is_human(t) and (t.owner_id or is_pool_task(t))]


def _done_tasks(process: Process) -> list[Task]:
    """Return the process's completed tasks someone completed, most recent first."""
    done = Task.objects.filter(process=process, status="DONE", completed_by__isnull=False)
    return list(done.select_related("completed_by").order_by("-finished", "-pk"))


def _check_state(process: Process) -> None:
    """Assert what must hold between any two actions."""
    tasks = list(Task.objects.filter(process=process).order_by("pk"))
    waiting = [t for t in tasks if t.status in WAITING]
    assert not [t for t in tasks if t.status == "ERROR"], "a step failed"
    if process.finished is not None:
        assert process.outcome in (Outcome.COMPLETED, Outcome.REJECTED, Outcome.TERMINATED), (
            process.outcome
        )
        assert not waiting, f"finished with open tasks {_where(waiting)}"
        return
    people_waiting = [t for t in waiting if is_human(t)]
    assert people_waiting, f"running with no person's task open: only {_where(waiting)}"
    assert all(t.owner.is_active if t.owner_id else is_pool_task(t) for t in people_waiting), (
        "a person's task with nobody to act on it"
    )
    holders = Counter((t.batch, t.owner_id) for t in people_waiting)
    assert all(n == 1 for n in holders.values()), f"someone holds a step twice: {holders}"
    joins = Counter(t.node_id for t in waiting if t.node_id.startswith("join"))
    assert all(n == 1 for n in joins.values()), f"a join waits twice: {joins}"


def _where(tasks: list[Task]) -> list[tuple[int, str, str]]:
    return [(t.pk, t.node_id, t.status) for t in tasks]


def _pool_members(people: dict) -> list:
    return [people[u] for u in POOL_MEMBERS]


def _finish(process: Process, people: dict) -> None:
    """Approve whatever is open, as its holder, until the process ends; nothing may refuse."""
    for _ in range(FINISH_STEPS):
        process.refresh_from_db()
        if process.finished is not None:
            return
        task = _open_person_tasks(process)[0]
        if task.owner_id is None:
            claimer = next(p for p in _pool_members(people) if not refused(Claim(task, p)))
            Claim(task, claimer).execute()
            task.refresh_from_db()
        note(f"finish: Approve task {task.pk} at {task.node_id} by {task.owner.username}")
        Approve(task, task.owner).execute()
        process.refresh_from_db()
        _check_state(process)
    raise AssertionError(f"still running after {FINISH_STEPS} approvals")


def _check_record(process: Process) -> None:
    """Assert the trace and the audit log agree, and every step is recorded exactly once."""
    rows = list(TraceEntry.objects.filter(process=process).order_by("pk"))
    events = AuditEvent.objects.filter(target_type="runtime.process", target_id=str(process.pk))
    assert [(e.action, e.payload.get("node")) for e in events.order_by("seq")] == [
        (r.action, r.node_id) for r in rows
    ]
    assert verify_chain().intact

    completing = Counter(r.task_id for r in rows if r.action in COMPLETING)
    twice = [pk for pk, n in completing.items() if n > 1]
    assert not twice, f"tasks completed more than once: {twice}"
    by_task = {r.task_id: r for r in rows if r.action in COMPLETING}
    for task in Task.objects.filter(process=process):
        row = by_task.get(task.pk)
        if row is not None:
            assert (task.status, task.outcome) == ("DONE", COMPLETING[row.action]), task.pk
        elif is_human(task) and task.status == "DONE":
            assert task.outcome == Outcome.SKIPPED, f"task {task.pk} done with no trace row"
    if process.outcome == Outcome.REJECTED:
        assert any(r.action == "gongwen.task.reject" for r in rows), "rejected, nobody rejected"

"""Soundness (issue 12): every flow the validator accepts finishes when its tasks are approved.

Hypothesis draws a well-structured flow (``random_flows``: person steps of every mode,
exclusive gateways, parallel splits, cc steps, 认领 pools, nested) and then bends it the way
admins do and the issue found: a revision loop through an exclusive gateway back to any node,
a branch leaving its split through an exclusive gateway to any node, an exclusive gateway's
edge to itself (a gateway-only cycle), a second edge out of a split. The JSON definition goes
through ``definitions.validate``; only what it accepts is compiled and run:

* random tasks are approved or returned (退回 to a random earlier step), a loop's person sets
  ``again`` (the loop condition) at random;
* then everyone approves what is open, leaving every loop, until the process ends — it must,
  within a bound of approvals.

Between any two actions a running process has a person's task open (no join left waiting with
nobody to move it on) and no task is in error; each action runs under an alarm (an action that
spins for ever in the engine fails the test instead of hanging it) and opens a bounded number
of tasks. Examples: ``GONGWEN_SOUNDNESS`` (default 12, ``CI`` 60).
"""

from __future__ import annotations

import copy
import itertools
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st

from gongwen.definitions import compile_flow, validate
from gongwen.errors import GongwenError
from gongwen.runtime.actions import Approve, Claim, ReturnTo
from gongwen.runtime.engine.operations import is_human
from gongwen.runtime.models import OPEN_STATUSES, Process, Task
from gongwen.runtime.pool import is_pool_task
from tests.runtime.helpers import start
from tests.runtime.random_flows import AMOUNTS, INITIATOR, POOL_MEMBERS, render, structures

EXAMPLES = int(os.environ.get("GONGWEN_SOUNDNESS") or (60 if os.environ.get("CI") else 12))
RANDOM_STEPS = 12
FINISH_STEPS = 200
#: Seconds one action may take before it counts as never terminating.
ACTION_SECONDS = 20
MUTATIONS = ("loop", "loop", "bypass", "gateway_cycle", "duplicate_split_edge")
LOOP_FIELD = "again"

_keys = itertools.count(1)


class ActionTimedOut(AssertionError):
    """An action did not terminate within :data:`ACTION_SECONDS`."""


@contextmanager
def alarm(seconds: int) -> Iterator[None]:
    """Raise :class:`ActionTimedOut` in this thread if the block runs longer than ``seconds``."""

    def expire(_signum: int, _frame: Any) -> None:
        raise ActionTimedOut(f"an action ran longer than {seconds} s (a loop in the engine?)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# Bending the drawn flow ----------------------------------------------------------------------


def _mutate(flow: dict, form: dict, kind: str, data: Any) -> None:
    nodes, edges = flow["nodes"], flow["edges"]
    ids = [n["id"] for n in nodes]
    anywhere = st.sampled_from([i for i in ids if i != "start"])
    again = {">": [{"var": f"form.{LOOP_FIELD}"}, 0]}
    if kind in ("loop", "bypass"):
        candidates = _acting(nodes)
        if kind == "bypass":  # from the first step of a parallel branch
            firsts = {e["to"] for e in edges if e["from"].startswith("split")}
            candidates = [n for n in candidates if n["id"] in firsts]
        if not candidates:
            return
        node = data.draw(st.sampled_from(candidates), label=f"{kind} after")
        _after(flow, node["id"], data.draw(anywhere, label=f"{kind} to"), again)
        # the person who leaves the loop must act: sets the condition, never auto-approved
        node["fields"] = {LOOP_FIELD: "editable"}
        node.pop("auto_approve_repeat", None)
    elif kind == "gateway_cycle":
        gateways = [n["id"] for n in nodes if n["type"] == "exclusive"]
        if gateways:
            gateway = data.draw(st.sampled_from(gateways), label="self loop")
            when = {">": [{"var": "form.amount"}, 100]}  # taken first when it holds: spins
            edges.append({"from": gateway, "to": gateway, "when": when, "order": 0})
    else:
        out_of_splits = [e for e in edges if e["from"].startswith("split")]
        if out_of_splits:
            edges.append(dict(data.draw(st.sampled_from(out_of_splits), label="duplicate")))
    if not any(f["name"] == LOOP_FIELD for f in form["fields"]):
        label = {"zh-Hans": "再来一轮", "en": "Again"}
        form["fields"].append({"name": LOOP_FIELD, "type": "number", "label": label})


def _acting(nodes: list[dict]) -> list[dict]:
    """Return the person steps someone always acts on (no 认领 pool, never skipped)."""
    return [
        n
        for n in nodes
        if n["type"] in ("approve", "handle") and not n.get("claim") and "on_empty" not in n
    ]


def _after(flow: dict, source: str, target: str, when: dict) -> None:
    """Put an exclusive gateway after ``source``: ``when`` → ``target``, else on as before."""
    gateway = f"g{len(flow['nodes'])}"
    flow["nodes"].append({"id": gateway, "type": "exclusive"})
    for edge in flow["edges"]:
        if edge["from"] == source:
            edge["from"] = gateway
            edge.pop("when", None), edge.pop("order", None)
            edge["default"] = True
    flow["edges"].append({"from": source, "to": gateway})
    flow["edges"].append({"from": gateway, "to": target, "when": when, "order": 1})


# Running it -----------------------------------------------------------------------------------


def _open_person_tasks(process: Process) -> list[Task]:
    tasks = Task.objects.filter(process=process, status__in=OPEN_STATUSES).order_by("pk")
    return [t for t in tasks if is_human(t) and (t.owner_id or is_pool_task(t))]


def _check_state(process: Process, bound: int) -> None:
    tasks = list(Task.objects.filter(process=process))
    assert not [t for t in tasks if t.status == "ERROR"], "a step failed"
    assert len(tasks) <= bound, f"{len(tasks)} tasks: an action keeps opening tasks"
    if process.finished is not None:
        assert not [t for t in tasks if t.status in OPEN_STATUSES], "finished with open tasks"
        return
    waiting = [(t.node_id, t.status) for t in tasks if t.status in OPEN_STATUSES]
    assert _open_person_tasks(process), f"running, nobody can move it on: {waiting}"


def _run(action: Any, process: Process, bound: int) -> None:
    with alarm(ACTION_SECONDS):
        action.execute()
    process.refresh_from_db()
    _check_state(process, bound)


def _holder(task: Task, people: dict) -> Any:
    """Return the task's holder, after a pool member claimed it if nobody holds it."""
    if task.owner_id is None:
        for username in POOL_MEMBERS:
            try:
                Claim(task, people[username]).execute()
                break
            except GongwenError:
                continue
        task.refresh_from_db()
    return task.owner


def _approve(task: Task, people: dict, again: int) -> Approve:
    holder = _holder(task, people)
    editable = dict(task.flow_task.spec.fields).get(LOOP_FIELD) == "editable"
    return Approve(task, holder, data={LOOP_FIELD: again} if editable else None)


def _random_step(process: Process, people: dict, data: Any, bound: int) -> None:
    tasks = _open_person_tasks(process)
    task = tasks[data.draw(st.integers(0, 7), label="which task") % len(tasks)]
    if data.draw(st.integers(0, 3), label="return?") == 0:
        done = Task.objects.filter(process=process, status="DONE", completed_by__isnull=False)
        targets = sorted({t.node_id for t in done})
        if targets:
            target = targets[data.draw(st.integers(0, 9), label="target") % len(targets)]
            try:
                _run(ReturnTo(task, _holder(task, people), target=target), process, bound)
            except GongwenError:
                event("return refused")
            return
    again = data.draw(st.integers(0, 1), label="again")
    _run(_approve(task, people, again), process, bound)


def _finish(process: Process, people: dict, bound: int) -> None:
    for _ in range(FINISH_STEPS):
        process.refresh_from_db()
        if process.finished is not None:
            return
        task = _open_person_tasks(process)[0]
        note(f"finish: approve {task.node_id}")
        _run(_approve(task, people, 0), process, bound)
    raise AssertionError(f"still running after {FINISH_STEPS} approvals")


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
def test_every_flow_the_validator_accepts_finishes(people, structure, data) -> None:
    generated = render(structure)
    flow, form = copy.deepcopy(generated.flow_doc), copy.deepcopy(generated.form_doc)
    for kind in data.draw(st.lists(st.sampled_from(MUTATIONS), max_size=2), label="bends"):
        _mutate(flow, form, kind, data)
    key = f"sound-{next(_keys)}"
    flow.update(key=key, form=key)
    form["key"] = key
    note(f"nodes: {flow['nodes']}\nedges: {flow['edges']}")
    problems = validate(flow, form=form)
    if problems:
        event(f"refused: {sorted({p.code for p in problems})}")
        return
    event("accepted")
    spec = compile_flow(flow, form, version=1)
    bound = 40 * len(flow["nodes"]) + 200
    with transaction.atomic():  # a savepoint per example: each starts from the demo alone
        values = {
            "amount": data.draw(st.sampled_from(AMOUNTS), label="amount"),
            LOOP_FIELD: data.draw(st.integers(0, 1), label="loop at first"),
            **generated.people,
        }
        with alarm(ACTION_SECONDS):
            process = start(spec, people[INITIATOR], data=values)
        _check_state(process, bound)
        for _ in range(RANDOM_STEPS):
            if process.finished is not None:
                break
            _random_step(process, people, data, bound)
        _finish(process, people, bound)
        transaction.set_rollback(True)

"""Twenty people pressing "approve" on one task at once: exactly one wins, the rest conflict."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection, connections

from gongwen.runtime.actions import Approve
from gongwen.runtime.exceptions import Conflict
from gongwen.runtime.models import Task, TraceEntry
from gongwen.runtime.opinions import opinion_history
from tests.runtime.helpers import open_at, start
from tests.runtime.specs import chain, node

RACERS = 20


def _race(task_id: int, actor) -> list[str]:
    barrier = threading.Barrier(RACERS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def racer(n: int) -> None:
        try:
            barrier.wait()
            Approve(task_id, actor, opinion=f"同意 {n}").execute()
            result = "ok"
        except Conflict:
            result = "conflict"
        except Exception as error:
            result = f"error: {error!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=racer, args=(n,)) for n in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_exactly_one_of_twenty_concurrent_approvals_succeeds(demo) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the SQLite race runs in a child process on a file database (next test)")
    people = demo["users"]
    spec = chain(
        "race",
        node("sign", "approve", {"rule": "user", "username": "wujing"}),
        node("next", "approve", {"rule": "user", "username": "hetao"}),
    )
    process = start(spec, people["huangmin"])
    (task,) = open_at(process, "sign")

    outcomes = _race(task.pk, people["wujing"])

    assert sorted(outcomes) == ["conflict"] * (RACERS - 1) + ["ok"]
    assert Task.objects.filter(process=process, node_id="next").count() == 1
    approvals = TraceEntry.objects.filter(process=process, action="gongwen.task.approve")
    assert approvals.count() == 1
    assert len(opinion_history(task)) == 1


def test_exactly_one_of_twenty_concurrent_approvals_succeeds_on_a_sqlite_file(tmp_path) -> None:
    """Threads cannot share SQLite's in-memory test database (shared-cache locks fail at once
    instead of waiting), so the race runs in a child process on a file database with the
    project's real settings: ``BEGIN IMMEDIATE`` serialises the writers."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-only; the PostgreSQL race is the test above")
    env = {**os.environ, "GONGWEN_VAR_DIR": str(tmp_path), "GONGWEN_SECRET_KEY": "race-test"}
    env.pop("DATABASE_URL", None)
    run = subprocess.run(  # noqa: S603 - our own script, fixed arguments
        [sys.executable, str(Path(__file__).with_name("race_approvers.py")), str(RACERS)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result == {
        "outcomes": ["conflict"] * (RACERS - 1) + ["ok"],
        "next_tasks": 1,
        "approvals": 1,
    }


def _both(first, second) -> list[str]:
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def run(action) -> None:
        try:
            barrier.wait()
            action.execute()
            outcomes.append("ok")
        except Conflict:
            outcomes.append("conflict")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(a,)) for a in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_withdraw_racing_the_next_approver_lets_exactly_one_through(demo) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("threads cannot share SQLite's in-memory test database")
    from gongwen.runtime.actions import Withdraw

    people = demo["users"]
    spec = chain(
        "race-withdraw",
        node("section", "approve", {"rule": "user", "username": "yangfan"}),
        node("office", "approve", {"rule": "user", "username": "wujing"}),
        node("sign", "approve", {"rule": "user", "username": "hetao"}),
    )
    for _round in range(5):
        process = start(spec, people["huangmin"])
        (section,) = open_at(process, "section")
        Approve(section, people["yangfan"]).execute()
        (office,) = open_at(process, "office")

        outcomes = _both(Withdraw(section, people["yangfan"]), Approve(office, people["wujing"]))

        assert sorted(outcomes) == ["conflict", "ok"]
        where = sorted(t.node_id for t in open_at(process, "section") + open_at(process, "sign"))
        assert where in (["section"], ["sign"])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("mode", ["any", "all"])
def test_two_signers_of_one_node_acting_at_once_neither_deadlock_nor_double_move(
    demo, mode
) -> None:
    """Each locks the process and then its own task; the one who decides cancels the other's
    (或签) or finds nobody left (会签). Lock order must not deadlock either way."""
    if connection.vendor != "postgresql":
        pytest.skip("threads cannot share SQLite's in-memory test database")
    people = demo["users"]
    spec = chain(
        f"race-{mode}",
        node("sign", "approve", {"rule": "form_field", "field": "signers"}, mode=mode),
        node("next", "approve", {"rule": "user", "username": "hetao"}),
    )
    for _round in range(8):
        process = start(spec, people["huangmin"], data={"signers": ["wujing", "yangfan"]})
        first, second = open_at(process, "sign")
        outcomes = _both(
            Approve(first, people[first.owner.username]),
            Approve(second, people[second.owner.username]),
        )
        expected = ["conflict", "ok"] if mode == "any" else ["ok", "ok"]
        assert sorted(outcomes) == expected
        assert Task.objects.filter(process=process, node_id="next").count() == 1

"""加签 on a 依次 (sequential) node: before, after or alongside the adder; then the queue."""

from __future__ import annotations

import pytest

from gongwen.runtime.actions import AddSigner, Approve, Reject, ReturnTo, Withdraw
from gongwen.runtime.exceptions import InvalidInput
from gongwen.runtime.models import Outcome, Task, TraceEntry
from gongwen.runtime.trace import SYSTEM, trace_of
from tests.runtime.helpers import open_at, positions, snapshot, start
from tests.runtime.specs import chain, node

SIGNERS = ["wujing", "yangfan", "hetao"]


def _spec():
    return chain(
        "seq-add",
        node(
            "sign",
            "approve",
            {"rule": "form_field", "field": "signers"},
            mode="sequential",
            return_targets=["start"],
        ),
        node("after", "handle", {"rule": "user", "username": "guoyan"}),
    )


def _start(people):
    return start(_spec(), people["huangmin"], data={"signers": SIGNERS})


def _task(process, username):
    return next(t for t in open_at(process, "sign") if t.owner.username == username)


def _approve(process, people, username):
    return Approve(_task(process, username), people[username]).execute()


def _add(process, people, adder, added, position):
    task = _task(process, adder)
    return AddSigner(task, people[adder], people=[people[u] for u in added], position=position)


def _approve_in_turn(process, people, *usernames) -> None:
    for username in usernames:
        assert positions(process) == [("sign", username)]
        _approve(process, people, username)


def test_added_before_act_in_order_then_the_adder_then_the_rest_of_the_queue(people) -> None:
    process = _start(people)
    adder_task = _task(process, "wujing")
    _add(process, people, "wujing", ["linfeng", "sunli"], "before").execute()

    adder_task.refresh_from_db()
    assert adder_task.outcome == Outcome.SUPERSEDED
    _approve_in_turn(process, people, "linfeng", "sunli", "wujing", "yangfan", "hetao")
    assert positions(process) == [("after", "guoyan")]


def test_added_after_follow_the_adder_before_the_rest_of_the_queue(people) -> None:
    process = _start(people)
    _add(process, people, "wujing", ["linfeng", "sunli"], "after").execute()

    assert Task.objects.get(process=process, owner=people["wujing"]).outcome == Outcome.APPROVED
    _approve_in_turn(process, people, "linfeng", "sunli", "yangfan", "hetao")
    assert positions(process) == [("after", "guoyan")]


def test_added_after_the_last_in_the_queue_decide_the_node(people) -> None:
    process = _start(people)
    _approve_in_turn(process, people, "wujing", "yangfan")
    _add(process, people, "hetao", ["linfeng"], "after").execute()
    _approve_in_turn(process, people, "linfeng")
    assert positions(process) == [("after", "guoyan")]


def test_added_in_parallel_act_alongside_and_the_sequence_waits_for_all(people) -> None:
    process = _start(people)
    _add(process, people, "wujing", ["linfeng", "sunli"], "parallel").execute()
    assert positions(process) == [("sign", "wujing"), ("sign", "linfeng"), ("sign", "sunli")]

    assert _approve(process, people, "wujing").decision == "waiting"
    assert _approve(process, people, "sunli").decision == "waiting"
    assert positions(process) == [("sign", "linfeng")]
    assert _approve(process, people, "linfeng").decision == "next_in_sequence"
    _approve_in_turn(process, people, "yangfan", "hetao")
    assert positions(process) == [("after", "guoyan")]


def test_added_in_parallel_to_the_last_in_the_queue_decide_the_node_together(people) -> None:
    process = _start(people)
    _approve_in_turn(process, people, "wujing", "yangfan")
    _add(process, people, "hetao", ["linfeng"], "parallel").execute()
    _approve(process, people, "linfeng")
    assert positions(process) == [("sign", "hetao")]
    assert _approve(process, people, "hetao").decision == "moved_on"
    assert positions(process) == [("after", "guoyan")]


def test_someone_added_alongside_may_add_more_people_alongside(people) -> None:
    process = _start(people)
    _add(process, people, "wujing", ["linfeng"], "parallel").execute()
    _add(process, people, "linfeng", ["sunli"], "parallel").execute()
    _approve(process, people, "wujing")
    _approve(process, people, "linfeng")
    assert positions(process) == [("sign", "sunli")]
    _approve(process, people, "sunli")
    _approve_in_turn(process, people, "yangfan", "hetao")


def test_additions_compose_someone_added_before_adds_after_themselves(people) -> None:
    process = _start(people)
    _add(process, people, "wujing", ["linfeng"], "before").execute()
    _add(process, people, "linfeng", ["sunli"], "after").execute()
    _approve_in_turn(process, people, "sunli", "wujing", "yangfan", "hetao")
    assert positions(process) == [("after", "guoyan")]


def test_the_next_in_the_queue_does_not_inherit_the_added_persons_marks(people) -> None:
    process = _start(people)
    _add(process, people, "wujing", ["linfeng"], "parallel").execute()
    _approve(process, people, "wujing")
    _approve(process, people, "linfeng")
    yangfan = _task(process, "yangfan")
    assert yangfan.data == {"queue": [[people["hetao"].pk, None]]}


@pytest.mark.parametrize("position", ["before", "after", "parallel"])
def test_a_rejection_by_an_added_signer_ends_the_process(people, position) -> None:
    process = _start(people)
    _add(process, people, "wujing", ["linfeng"], position).execute()
    Reject(_task(process, "linfeng"), people["linfeng"], opinion="不同意").execute()
    process.refresh_from_db()
    assert process.outcome == Outcome.REJECTED
    assert positions(process) == []


@pytest.mark.parametrize("position", ["before", "after", "parallel"])
def test_a_return_by_an_added_signer_goes_back_and_cancels_the_rest(people, position) -> None:
    process = _start(people)
    _add(process, people, "wujing", ["linfeng"], position).execute()
    ReturnTo(_task(process, "linfeng"), people["linfeng"], target="start").execute()
    assert positions(process) == [("@resubmit", "huangmin")]
    Approve(open_at(process, "@resubmit")[0], people["huangmin"]).execute()
    _approve_in_turn(process, people, "wujing", "yangfan", "hetao")


def test_the_trace_records_the_addition_and_every_approval_in_order(people) -> None:
    process = _start(people)
    _add(process, people, "wujing", ["linfeng"], "before").execute()
    _approve_in_turn(process, people, "linfeng", "wujing")
    _add(process, people, "yangfan", ["sunli"], "after").execute()
    _approve_in_turn(process, people, "sunli", "hetao")

    rows = [
        (r.action, r.actor.username if r.actor else None) for r in trace_of(process, SYSTEM).rows
    ]
    assert rows[1:8] == [
        ("gongwen.task.add_signer", "wujing"),
        ("gongwen.task.approve", "linfeng"),
        ("gongwen.task.approve", "wujing"),
        ("gongwen.task.add_signer", "yangfan"),
        ("gongwen.task.approve", "yangfan"),
        ("gongwen.task.approve", "sunli"),
        ("gongwen.task.approve", "hetao"),
    ]
    added = TraceEntry.objects.filter(process=process, action="gongwen.task.add_signer")
    assert [(e.payload["position"], e.payload["added"]) for e in added.order_by("pk")] == [
        ("before", [people["linfeng"].pk]),
        ("after", [people["sunli"].pk]),
    ]


@pytest.mark.parametrize("who", ["yangfan", "hetao", "wujing"])
def test_adding_someone_already_in_the_sequence_is_refused_and_changes_nothing(people, who) -> None:
    process = _start(people)
    before = snapshot()
    with pytest.raises(InvalidInput):
        _add(process, people, "wujing", [who], "after").execute()
    assert snapshot() == before


@pytest.mark.parametrize("position", ["before", "after"])
def test_someone_signing_alongside_can_only_add_alongside(people, position) -> None:
    process = _start(people)
    _add(process, people, "wujing", ["linfeng"], "parallel").execute()
    before = snapshot()
    for username in ("wujing", "linfeng"):
        with pytest.raises(InvalidInput):
            _add(process, people, username, ["sunli"], position).execute()
    assert snapshot() == before


def test_someone_added_who_delegated_is_replaced_by_the_delegate_in_the_queue(people) -> None:
    process = _start(people)
    _add(process, people, "wujing", ["chenming"], "after").execute()
    (task,) = open_at(process, "sign")
    assert (task.owner, task.on_behalf_of) == (people["liuyang"], people["chenming"])
    Approve(task, people["liuyang"]).execute()
    _approve_in_turn(process, people, "yangfan", "hetao")


def _start_task(process):
    return Task.objects.get(process=process, node_id="start")


def test_withdrawing_the_step_before_takes_back_the_people_added_before_too(people) -> None:
    process = _start(people)
    _add(process, people, "wujing", ["linfeng"], "before").execute()
    Withdraw(_start_task(process), people["huangmin"]).execute()
    assert positions(process) == [("@resubmit", "huangmin")]


def test_the_adder_withdrawing_leaves_the_people_alongside_their_tasks(people) -> None:
    process = _start(people)
    (adder_task,) = open_at(process, "sign")
    _add(process, people, "wujing", ["linfeng"], "parallel").execute()
    _approve(process, people, "wujing")
    Withdraw(adder_task, people["wujing"]).execute()

    assert positions(process) == [("sign", "linfeng"), ("sign", "wujing")]
    _approve(process, people, "wujing")
    _approve(process, people, "linfeng")
    _approve_in_turn(process, people, "yangfan", "hetao")


def test_anyone_of_a_group_may_withdraw_until_the_next_person_acts(people) -> None:
    process = _start(people)
    _add(process, people, "wujing", ["linfeng"], "parallel").execute()
    _approve(process, people, "linfeng")
    added_task = Task.objects.get(process=process, owner=people["linfeng"])
    _approve(process, people, "wujing")
    Withdraw(added_task, people["linfeng"]).execute()

    assert positions(process) == [("sign", "linfeng")]
    _approve(process, people, "linfeng")
    _approve_in_turn(process, people, "yangfan", "hetao")


def test_the_adder_withdrawing_after_adding_after_keeps_the_added_next(people) -> None:
    process = _start(people)
    (adder_task,) = open_at(process, "sign")
    _add(process, people, "wujing", ["linfeng"], "after").execute()
    Withdraw(adder_task, people["wujing"]).execute()
    _approve_in_turn(process, people, "wujing", "linfeng", "yangfan", "hetao")

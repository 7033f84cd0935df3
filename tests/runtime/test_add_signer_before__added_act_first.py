"""前加签: the added people act first, then the task comes back to whoever added them."""

from __future__ import annotations

import pytest

from gongwen.runtime.actions import AddSigner, Approve
from gongwen.runtime.exceptions import Conflict
from gongwen.runtime.models import Outcome
from tests.runtime.helpers import open_at, positions, snapshot, start
from tests.runtime.specs import chain, node


def _spec(mode: str = "single"):
    return chain(
        "add-before",
        node("sign", "approve", {"rule": "form_field", "field": "signers"}, mode=mode),
        node("after", "handle", {"rule": "user", "username": "guoyan"}),
    )


def _task(process, username):
    return next(t for t in open_at(process, "sign") if t.owner.username == username)


def test_the_added_person_acts_first_then_the_adder_decides(people) -> None:
    process = start(_spec(), people["huangmin"], data={"signers": ["wujing"]})
    adder_task = _task(process, "wujing")
    AddSigner(adder_task, people["wujing"], people=[people["hetao"]], position="before").execute()

    assert positions(process) == [("sign", "hetao")]
    adder_task.refresh_from_db()
    assert adder_task.outcome == Outcome.SUPERSEDED
    before = snapshot()
    with pytest.raises(Conflict):
        Approve(adder_task, people["wujing"]).execute()
    assert snapshot() == before

    Approve(_task(process, "hetao"), people["hetao"], opinion="拟同意").execute()
    assert positions(process) == [("sign", "wujing")]
    Approve(_task(process, "wujing"), people["wujing"]).execute()
    assert positions(process) == [("after", "guoyan")]


def test_with_several_added_the_task_comes_back_after_the_last_of_them(people) -> None:
    process = start(_spec(), people["huangmin"], data={"signers": ["wujing"]})
    AddSigner(
        _task(process, "wujing"),
        people["wujing"],
        people=[people["hetao"], people["chenming"]],
        position="before",
    ).execute()
    first, second = (t for t in open_at(process, "sign"))
    Approve(first, first.owner).execute()
    assert [t.owner_id for t in open_at(process, "sign")] == [second.owner_id]
    Approve(second, second.owner).execute()
    assert positions(process) == [("sign", "wujing")]


def test_adding_before_inside_a_countersign_keeps_the_others_waiting(people) -> None:
    process = start(_spec("all"), people["huangmin"], data={"signers": ["wujing", "guoyan"]})
    AddSigner(
        _task(process, "wujing"), people["wujing"], people=[people["hetao"]], position="before"
    ).execute()
    Approve(_task(process, "guoyan"), people["guoyan"]).execute()
    Approve(_task(process, "hetao"), people["hetao"]).execute()
    assert positions(process) == [("sign", "wujing")]
    Approve(_task(process, "wujing"), people["wujing"]).execute()
    assert positions(process) == [("after", "guoyan")]


def test_withdrawing_the_step_before_takes_back_the_people_added_before_too(people) -> None:
    from gongwen.runtime.actions import Withdraw
    from gongwen.runtime.models import Task

    process = start(_spec(), people["huangmin"], data={"signers": ["wujing"]})
    AddSigner(
        _task(process, "wujing"), people["wujing"], people=[people["hetao"]], position="before"
    ).execute()
    started = Task.objects.get(process=process, node_id="start")
    Withdraw(started, people["huangmin"]).execute()
    assert positions(process) == [("@resubmit", "huangmin")]

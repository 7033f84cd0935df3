"""One guard for whoever receives a step — 转办, 委托, 加签 and admin 改派: one task per person.

A person who holds a task of the step, waits in its 依次 queue, has approved it already, or
has it held for them by someone acting on their behalf (委托) cannot be given another: they
would decide twice. Each refusal changes nothing.
"""

from __future__ import annotations

import pytest

from gongwen.runtime.actions import AddSigner, Approve, Delegate, Reassign, Transfer
from gongwen.runtime.exceptions import InvalidInput
from tests.runtime.helpers import open_at, positions, snapshot, start
from tests.runtime.specs import chain, node


def _step(people, *names: str, mode: str = "all"):
    spec = chain("guard", node("sign", "approve", {"rule": "form_field", "field": "s"}, mode=mode))
    return start(spec, people["huangmin"], data={"s": list(names)})


def _task_of(process, owner) -> object:
    return next(t for t in open_at(process, "sign") if t.owner_id == owner.pk)


def _refused(make) -> InvalidInput:
    before = snapshot()
    with pytest.raises(InvalidInput) as refused:
        make().check()
    with pytest.raises(InvalidInput):
        make().execute()
    assert snapshot() == before
    return refused.value


def test_admin_reassign_into_a_countersign_is_refused_and_changes_nothing(people) -> None:
    process = _step(people, "wujing", "hetao")
    task = _task_of(process, people["wujing"])

    error = _refused(lambda: Reassign(task, people["admin"], to=people["hetao"], reason="改"))

    assert error.pointer == "/to"
    assert sorted(positions(process)) == [("sign", "hetao"), ("sign", "wujing")]


def test_admin_reassign_to_someone_who_already_approved_the_step_is_refused(people) -> None:
    process = _step(people, "wujing", "hetao", "guoyan")
    Approve(_task_of(process, people["hetao"]), people["hetao"]).execute()
    task = _task_of(process, people["wujing"])

    _refused(lambda: Reassign(task, people["admin"], to=people["hetao"]))


def test_admin_reassign_to_someone_waiting_in_a_sequence_is_refused(people) -> None:
    process = _step(people, "wujing", "hetao", mode="sequential")
    (task,) = open_at(process, "sign")

    _refused(lambda: Reassign(task, people["admin"], to=people["hetao"]))


def test_admin_reassign_to_someone_whose_delegate_holds_the_step_is_refused(people) -> None:
    # 陈明 has delegated everything to 刘洋 (demo county), who already signs here.
    process = _step(people, "liuyang", "hetao")
    task = _task_of(process, people["hetao"])

    _refused(lambda: Reassign(task, people["admin"], to=people["chenming"]))


@pytest.mark.parametrize("action", ["reassign", "transfer", "delegate", "add_signer"])
def test_a_step_held_on_someones_behalf_counts_as_theirs(people, action) -> None:
    process = _step(people, "wujing", "hetao")
    Delegate(_task_of(process, people["wujing"]), people["wujing"], to=people["xugang"]).execute()
    task = _task_of(process, people["hetao"])  # 吴静's vote is with 徐刚 now, on her behalf
    hetao, wujing = people["hetao"], people["wujing"]
    make = {
        "reassign": lambda: Reassign(task, people["admin"], to=wujing),
        "transfer": lambda: Transfer(task, hetao, to=wujing),
        "delegate": lambda: Delegate(task, hetao, to=wujing),
        "add_signer": lambda: AddSigner(task, hetao, people=[wujing]),
    }[action]

    _refused(make)


def test_admin_reassign_to_someone_free_still_hands_the_task_over(people) -> None:
    process = _step(people, "wujing", "hetao")
    task = _task_of(process, people["wujing"])

    Reassign(task, people["admin"], to=people["guoyan"], reason="休假").execute()

    assert sorted(positions(process)) == [("sign", "guoyan"), ("sign", "hetao")]

"""Regression tests for the runtime bugs the random walks found (one deterministic case each)."""

from __future__ import annotations

import pytest

from gongwen.runtime.actions import (
    AddSigner,
    Approve,
    Delegate,
    ReturnTo,
    Transfer,
    Withdraw,
)
from gongwen.runtime.exceptions import Conflict, InvalidInput, InvalidTarget
from tests.runtime.helpers import open_at, open_tasks, positions, snapshot, start
from tests.runtime.specs import chain, flow, node


def _returnable_anywhere():
    return flow(
        "walk-return-anywhere",
        [
            node("start", "start"),
            node("first", "approve", {"rule": "user", "username": "wujing"}),
            node("route", "exclusive"),
            node("copy", "cc", {"rule": "user", "username": "hetao"}),
            node("split", "parallel"),
            node("a", "approve", {"rule": "user", "username": "yangfan"}),
            node("b", "approve", {"rule": "user", "username": "guoyan"}),
            node("join", "join"),
            node("last", "approve", {"rule": "user", "username": "linfeng"}, return_targets=["*"]),
            node("end", "end"),
        ],
        [
            ("start", "first"),
            ("first", "route"),
            ("route", "copy", {"default": True}),
            ("copy", "split"),
            ("split", "a"),
            ("split", "b"),
            ("a", "join"),
            ("b", "join"),
            ("join", "last"),
            ("last", "end"),
        ],
    )


@pytest.mark.parametrize("target", ["route", "copy", "split", "join"])
def test_return_with_any_target_refuses_a_step_no_person_did(people, target) -> None:
    """``return_targets: ["*"]`` means any earlier *person's* step (or the start): a gateway,
    split, join or cc step ran too, but 退回 to it used to crash (``'Split' object has no
    attribute 'spec'``) or reopen an engine step as if a person held it."""
    process = start(_returnable_anywhere(), people["huangmin"])
    for username in ("wujing", "yangfan", "guoyan"):
        (task,) = [t for t in open_tasks(process) if t.owner_id and t.owner.username == username]
        Approve(task, people[username]).execute()
    (last,) = open_at(process, "last")
    before = snapshot()

    with pytest.raises(InvalidTarget):
        ReturnTo(last, people["linfeng"], target=target).execute()

    assert snapshot() == before
    ReturnTo(last, people["linfeng"], target="first").execute()
    assert positions(process) == [("first", "wujing")]


def _ratio(ratio: float):
    return chain(
        "walk-ratio",
        node(
            "vote", "approve", {"rule": "form_field", "field": "voters"}, mode="ratio", ratio=ratio
        ),
        node("after", "handle", {"rule": "user", "username": "guoyan"}),
    )


def test_ratio_node_after_add_signer_before_moves_on_when_everyone_approved(people) -> None:
    """前加签 sets the adder's task aside and opens a fresh one later: the set-aside task is
    not a vote, so it must not count against the share (it made a unanimous node reject)."""
    process = start(_ratio(1.0), people["huangmin"], data={"voters": ["hetao"]})
    (mine,) = open_at(process, "vote")
    AddSigner(mine, people["hetao"], people=[people["wujing"]], position="before").execute()
    Approve(open_at(process, "vote")[0], people["wujing"]).execute()
    Approve(open_at(process, "vote")[0], people["hetao"]).execute()

    process.refresh_from_db()
    assert process.outcome == ""
    assert positions(process) == [("after", "guoyan")]


def test_ratio_node_counts_a_withdrawn_approval_once_it_is_given_again(people) -> None:
    """撤回 reopens a copy of the task: the withdrawn approval no longer stands, the copy's does."""
    process = start(_ratio(1.0), people["huangmin"], data={"voters": ["hetao", "wujing"]})
    hetao = next(t for t in open_at(process, "vote") if t.owner.username == "hetao")
    Approve(hetao, people["hetao"]).execute()
    Withdraw(hetao, people["hetao"]).execute()
    for username in ("wujing", "hetao"):
        (task,) = [t for t in open_at(process, "vote") if t.owner.username == username]
        Approve(task, people[username]).execute()

    process.refresh_from_db()
    assert process.outcome == ""
    assert positions(process) == [("after", "guoyan")]


def test_ratio_node_does_not_count_a_withdrawn_approval(people) -> None:
    """Half of three must approve: one approval, withdrawn, then one other is not half."""
    voters = ["hetao", "wujing", "yangfan"]
    process = start(_ratio(0.5), people["huangmin"], data={"voters": voters})
    hetao = next(t for t in open_at(process, "vote") if t.owner.username == "hetao")
    Approve(hetao, people["hetao"]).execute()
    Withdraw(hetao, people["hetao"]).execute()
    (wujing,) = [t for t in open_at(process, "vote") if t.owner.username == "wujing"]

    assert Approve(wujing, people["wujing"]).execute().decision == "waiting"
    assert sorted(u for _, u in positions(process)) == ["hetao", "yangfan"]


def _countersign_then_split():
    return flow(
        "walk-countersign-split",
        [
            node("start", "start"),
            node("sign", "approve", {"rule": "form_field", "field": "signers"}, mode="all"),
            node("split", "parallel"),
            node("a", "approve", {"rule": "user", "username": "yangfan"}),
            node("b", "approve", {"rule": "user", "username": "guoyan"}),
            node("join", "join"),
            node("end", "end"),
        ],
        [
            ("start", "sign"),
            ("sign", "split"),
            ("split", "a"),
            ("split", "b"),
            ("a", "join"),
            ("b", "join"),
            ("join", "end"),
        ],
    )


def test_withdrawing_a_countersign_vote_after_the_node_moved_on_takes_the_move_back(
    people,
) -> None:
    """会签 decided by the *other* signer's approval: the first signer's withdrawal used to
    reopen their vote while the next steps stayed open, so approving it again ran the split a
    second time (viewflow: "Multiple tokens … came to join") or doubled the next step."""
    process = start(
        _countersign_then_split(), people["huangmin"], data={"signers": ["wujing", "hetao"]}
    )
    wujing = next(t for t in open_at(process, "sign") if t.owner.username == "wujing")
    Approve(wujing, people["wujing"]).execute()
    Approve(open_at(process, "sign")[0], people["hetao"]).execute()
    assert positions(process) == [("a", "yangfan"), ("b", "guoyan")]

    Withdraw(wujing, people["wujing"]).execute()

    assert positions(process) == [("sign", "wujing")]
    assert not [t for t in open_tasks(process) if t.node_id == "join"]
    Approve(open_at(process, "sign")[0], people["wujing"]).execute()
    assert positions(process) == [("a", "yangfan"), ("b", "guoyan")]
    Approve(open_at(process, "a")[0], people["yangfan"]).execute()
    Approve(open_at(process, "b")[0], people["guoyan"]).execute()
    process.refresh_from_db()
    assert process.outcome == "completed"


def test_withdrawing_a_countersign_vote_after_the_next_person_acted_is_refused(people) -> None:
    process = start(
        _countersign_then_split(), people["huangmin"], data={"signers": ["wujing", "hetao"]}
    )
    wujing = next(t for t in open_at(process, "sign") if t.owner.username == "wujing")
    Approve(wujing, people["wujing"]).execute()
    Approve(open_at(process, "sign")[0], people["hetao"]).execute()
    Approve(open_at(process, "a")[0], people["yangfan"]).execute()
    before = snapshot()

    with pytest.raises(Conflict):
        Withdraw(wujing, people["wujing"]).execute()
    assert snapshot() == before


def test_withdrawing_a_countersign_vote_after_another_signer_returned_is_refused(people) -> None:
    """After 退回 closed the 会签, a vote in it is moot: withdrawing it used to reopen the old
    node beside the step the work was returned to, so the process waited in two places."""
    spec = chain(
        "walk-countersign-returned",
        node("first", "approve", {"rule": "user", "username": "yangfan"}),
        node(
            "sign",
            "approve",
            {"rule": "form_field", "field": "signers"},
            mode="all",
            return_targets=["*"],
        ),
    )
    process = start(spec, people["huangmin"], data={"signers": ["wujing", "hetao"]})
    Approve(open_at(process, "first")[0], people["yangfan"]).execute()
    wujing = next(t for t in open_at(process, "sign") if t.owner.username == "wujing")
    Approve(wujing, people["wujing"]).execute()
    ReturnTo(open_at(process, "sign")[0], people["hetao"], target="first").execute()
    before = snapshot()

    with pytest.raises(Conflict):
        Withdraw(wujing, people["wujing"]).execute()
    assert snapshot() == before
    assert positions(process) == [("first", "yangfan")]


def _countersign():
    return chain(
        "walk-countersign",
        node("sign", "approve", {"rule": "form_field", "field": "signers"}, mode="all"),
        node("after", "handle", {"rule": "user", "username": "guoyan"}),
    )


@pytest.mark.parametrize("action", [Transfer, Delegate])
def test_a_countersign_task_cannot_go_to_someone_signing_the_same_node(people, action) -> None:
    """转办/委托 to a co-signer let one person sign a 会签 twice (two open tasks, two votes)."""
    process = start(_countersign(), people["huangmin"], data={"signers": ["wujing", "hetao"]})
    (mine,) = [t for t in open_at(process, "sign") if t.owner.username == "wujing"]
    before = snapshot()

    with pytest.raises(InvalidInput):
        action(mine, people["wujing"], to=people["hetao"]).execute()
    assert snapshot() == before


def test_someone_who_approved_is_not_added_again_to_the_same_countersign(people) -> None:
    """加签 of a signer who already approved, then their 撤回, gave them two open tasks."""
    process = start(_countersign(), people["huangmin"], data={"signers": ["wujing", "hetao"]})
    (mine,) = [t for t in open_at(process, "sign") if t.owner.username == "wujing"]
    Approve(mine, people["wujing"]).execute()
    (theirs,) = open_at(process, "sign")
    before = snapshot()

    with pytest.raises(InvalidInput):
        AddSigner(theirs, people["hetao"], people=[people["wujing"]]).execute()
    assert snapshot() == before


def test_withdraw_by_someone_added_before_takes_back_the_adders_turn(people) -> None:
    """前加签, the added person approves (the adder's turn opens), then withdraws: the adder's
    turn used to stay open, and approving again opened a second one for the adder."""
    spec = chain("walk-before", node("sign", "approve", {"rule": "user", "username": "wujing"}))
    process = start(spec, people["huangmin"])
    AddSigner(
        open_at(process, "sign")[0], people["wujing"], people=[people["yangfan"]], position="before"
    ).execute()
    added = open_at(process, "sign")[0]
    Approve(added, people["yangfan"]).execute()
    assert positions(process) == [("sign", "wujing")]

    Withdraw(added, people["yangfan"]).execute()

    assert positions(process) == [("sign", "yangfan")]
    Approve(open_at(process, "sign")[0], people["yangfan"]).execute()
    assert positions(process) == [("sign", "wujing")]
    Approve(open_at(process, "sign")[0], people["wujing"]).execute()
    process.refresh_from_db()
    assert process.outcome == "completed"


def test_adding_someone_whose_delegate_already_signs_the_node_is_refused(people) -> None:
    """陈明 has delegated to 刘洋: adding 陈明 to a step 刘洋 holds would give 刘洋 two tasks."""
    process = start(_countersign(), people["huangmin"], data={"signers": ["liuyang", "hetao"]})
    (theirs,) = [t for t in open_at(process, "sign") if t.owner.username == "hetao"]
    before = snapshot()

    with pytest.raises(InvalidInput):
        AddSigner(theirs, people["hetao"], people=[people["chenming"]]).execute()
    assert snapshot() == before


def test_a_countersign_task_cannot_go_to_someone_who_approved_there(people) -> None:
    """转办 to a signer who already approved, then their 撤回: they held two tasks."""
    process = start(_countersign(), people["huangmin"], data={"signers": ["wujing", "hetao"]})
    (theirs,) = [t for t in open_at(process, "sign") if t.owner.username == "hetao"]
    Approve(theirs, people["hetao"]).execute()
    (mine,) = open_at(process, "sign")
    before = snapshot()

    with pytest.raises(InvalidInput):
        Transfer(mine, people["wujing"], to=people["hetao"]).execute()
    assert snapshot() == before


def test_adding_a_person_and_their_delegate_at_once_is_refused(people) -> None:
    """陈明's task goes to 刘洋 (委托): adding both gave 刘洋 two tasks at one step."""
    spec = chain("walk-add-both", node("sign", "approve", {"rule": "user", "username": "wujing"}))
    process = start(spec, people["huangmin"])
    before = snapshot()

    with pytest.raises(InvalidInput):
        AddSigner(
            open_at(process, "sign")[0],
            people["wujing"],
            people=[people["liuyang"], people["chenming"]],
        ).execute()
    assert snapshot() == before


def test_withdraw_after_the_work_was_returned_past_the_step_is_refused(people) -> None:
    spec = flow(
        "walk-withdraw-after-return",
        [
            node("start", "start"),
            node("split", "parallel"),
            node("a", "approve", {"rule": "user", "username": "wujing"}),
            node("b", "approve", {"rule": "user", "username": "hetao"}, return_targets=["*"]),
            node("join", "join"),
            node("end", "end"),
        ],
        [
            ("start", "split"),
            ("split", "a"),
            ("split", "b"),
            ("a", "join"),
            ("b", "join"),
            ("join", "end"),
        ],
    )
    process = start(spec, people["huangmin"])
    done = open_at(process, "a")[0]
    Approve(done, people["wujing"]).execute()
    ReturnTo(open_at(process, "b")[0], people["hetao"], target="start").execute()
    assert positions(process) == [("@resubmit", "huangmin")]
    before = snapshot()

    with pytest.raises(Conflict):
        Withdraw(done, people["wujing"]).execute()
    assert snapshot() == before


def test_the_adder_waiting_for_those_added_before_is_not_added_again(people) -> None:
    """前加签 sets the adder's task aside until the added approved: adding the adder again
    (by one of the added) gave them two tasks once their own came back."""
    spec = chain("walk-adder", node("sign", "approve", {"rule": "user", "username": "wujing"}))
    process = start(spec, people["huangmin"])
    AddSigner(
        open_at(process, "sign")[0], people["wujing"], people=[people["yangfan"]], position="before"
    ).execute()
    before = snapshot()

    with pytest.raises(InvalidInput):
        AddSigner(
            open_at(process, "sign")[0], people["yangfan"], people=[people["wujing"]]
        ).execute()
    assert snapshot() == before


def _nested_split_with_a_returner():
    """start → split( first → inner( check ↩ any | sign ) → inner_join | side ) → join → end."""
    return flow(
        "walk-nested-return",
        [
            node("start", "start"),
            node("split", "parallel"),
            node("first", "approve", {"rule": "user", "username": "wujing"}),
            node("inner", "parallel"),
            node("check", "approve", {"rule": "user", "username": "hetao"}, return_targets=["*"]),
            node("sign", "approve", {"rule": "form_field", "field": "signers"}, mode="all"),
            node("inner_join", "join"),
            node("side", "approve", {"rule": "user", "username": "guoyan"}),
            node("join", "join"),
            node("end", "end"),
        ],
        [
            ("start", "split"),
            ("split", "first"),
            ("split", "side"),
            ("first", "inner"),
            ("inner", "check"),
            ("inner", "sign"),
            ("check", "inner_join"),
            ("sign", "inner_join"),
            ("inner_join", "join"),
            ("side", "join"),
            ("join", "end"),
        ],
    )


@pytest.mark.parametrize("others", ["added_after", "countersign"])
def test_withdraw_of_a_vote_whose_node_still_waited_when_the_work_was_returned_is_refused(
    people, others
) -> None:
    """杨帆 approved 签 while others still had to (孙丽 added after him, or a co-signer); then
    何涛 in the other inner branch returned to 初审, cancelling their tasks. The node led nowhere
    yet, so 杨帆's 撤回 used to pass: it revived 签 in the old inner split beside 初审, and
    once the split ran again its join got two tokens (viewflow: "Multiple tokens … came to
    join")."""
    signers = ["yangfan"] if others == "added_after" else ["yangfan", "sunli"]
    process = start(_nested_split_with_a_returner(), people["huangmin"], data={"signers": signers})
    Approve(open_at(process, "first")[0], people["wujing"]).execute()
    (mine,) = [t for t in open_at(process, "sign") if t.owner.username == "yangfan"]
    if others == "added_after":
        AddSigner(mine, people["yangfan"], people=[people["sunli"]], position="after").execute()
    else:
        Approve(mine, people["yangfan"]).execute()
    assert sorted(positions(process)) == [("check", "hetao"), ("side", "guoyan"), ("sign", "sunli")]
    ReturnTo(open_at(process, "check")[0], people["hetao"], target="first").execute()
    before = snapshot()

    with pytest.raises(Conflict):
        Withdraw(mine, people["yangfan"]).execute()
    assert snapshot() == before
    assert sorted(positions(process)) == [("first", "wujing"), ("side", "guoyan")]

    Approve(open_at(process, "first")[0], people["wujing"]).execute()
    for task in open_tasks(process):
        if task.owner_id:
            Approve(task, task.owner).execute()
    process.refresh_from_db()
    assert process.outcome == "completed"

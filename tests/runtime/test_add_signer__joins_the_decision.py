"""加签: added signers join the node's decision, including a running 会签."""

from __future__ import annotations

import pytest

from gongwen.runtime.actions import AddSigner, Approve
from gongwen.runtime.exceptions import InvalidInput
from tests.runtime.helpers import open_at, positions, snapshot, start
from tests.runtime.specs import chain, node


def _spec(mode: str = "single"):
    return chain(
        "add-signer",
        node("sign", "approve", {"rule": "form_field", "field": "signers"}, mode=mode),
        node("after", "handle", {"rule": "user", "username": "guoyan"}),
    )


def _task(process, username):
    return next(t for t in open_at(process, "sign") if t.owner.username == username)


def test_parallel_add_waits_for_both_the_adder_and_the_added(people) -> None:
    process = start(_spec(), people["huangmin"], data={"signers": ["wujing"]})
    AddSigner(_task(process, "wujing"), people["wujing"], people=[people["hetao"]]).execute()
    assert positions(process) == [("sign", "wujing"), ("sign", "hetao")]

    Approve(_task(process, "hetao"), people["hetao"]).execute()
    assert positions(process) == [("sign", "wujing")]
    Approve(_task(process, "wujing"), people["wujing"]).execute()
    assert positions(process) == [("after", "guoyan")]


def test_after_add_approves_the_adder_and_waits_for_the_added(people) -> None:
    process = start(_spec(), people["huangmin"], data={"signers": ["wujing"]})
    AddSigner(
        _task(process, "wujing"), people["wujing"], people=[people["hetao"]], position="after"
    ).execute()
    assert positions(process) == [("sign", "hetao")]
    Approve(_task(process, "hetao"), people["hetao"]).execute()
    assert positions(process) == [("after", "guoyan")]


def test_adding_into_a_running_countersign_makes_the_added_person_a_signer_too(people) -> None:
    process = start(_spec("all"), people["huangmin"], data={"signers": ["wujing", "yangfan"]})
    Approve(_task(process, "yangfan"), people["yangfan"]).execute()
    AddSigner(_task(process, "wujing"), people["wujing"], people=[people["hetao"]]).execute()

    Approve(_task(process, "wujing"), people["wujing"]).execute()
    assert positions(process) == [("sign", "hetao")]
    Approve(_task(process, "hetao"), people["hetao"]).execute()
    assert positions(process) == [("after", "guoyan")]


def test_adding_someone_who_already_signs_here_is_refused_and_changes_nothing(people) -> None:
    process = start(_spec("all"), people["huangmin"], data={"signers": ["wujing", "yangfan"]})
    before = snapshot()
    with pytest.raises(InvalidInput):
        AddSigner(_task(process, "wujing"), people["wujing"], people=[people["yangfan"]]).execute()
    with pytest.raises(InvalidInput):
        AddSigner(
            _task(process, "wujing"), people["wujing"], people=[people["hetao"]], position="ahead"
        ).execute()
    assert snapshot() == before


def test_the_adder_withdrawing_after_adding_after_keeps_the_added_signer(people) -> None:
    from gongwen.runtime.actions import Withdraw

    process = start(_spec(), people["huangmin"], data={"signers": ["wujing"]})
    adder = _task(process, "wujing")
    AddSigner(adder, people["wujing"], people=[people["linfeng"]], position="after").execute()
    Withdraw(adder, people["wujing"]).execute()
    assert sorted(positions(process)) == [("sign", "linfeng"), ("sign", "wujing")]
    Approve(_task(process, "wujing"), people["wujing"]).execute()
    assert positions(process) == [("sign", "linfeng")]  # 林峰 still signs before it moves on
    Approve(_task(process, "linfeng"), people["linfeng"]).execute()
    assert positions(process) == [("after", "guoyan")]


def test_a_batch_without_the_alone_mark_is_swept_when_decided(people) -> None:
    """Batches opened by an earlier version carry no mark: leftovers must still be cancelled."""
    process = start(_spec("any"), people["huangmin"], data={"signers": ["wujing", "yangfan"]})
    first = _task(process, "wujing")
    for task in open_at(process, "sign"):
        task.data = {k: v for k, v in task.data.items() if k != "alone"}
        task.save(update_fields=["data"])
    Approve(first, people["wujing"]).execute()
    assert positions(process) == [("after", "guoyan")]

"""The step guard also refuses a receiver below the process's 密级 (转办, 委托, 加签, 改派).

A receiver who is cleared but whose delegate (委托) is not keeps the step themselves, as
assignment does: the delegate below the 密级 does not stand in.
"""

from __future__ import annotations

import pytest

from gongwen.runtime.actions import AddSigner, Delegate, Reassign, Transfer
from gongwen.runtime.secrecy import NotCleared, set_secrecy
from tests.runtime.helpers import open_at, snapshot, start
from tests.runtime.specs import chain, node

SECRET, CONFIDENTIAL = 2, 3  # 秘密, 机密


def _held_by(people, holder: str, secrecy: int):
    # The administrator who 改派s must be cleared for the 密级 too (test_clearance__acting.py):
    # give the demo's administrator 机密 so these tests are about the receiver alone.
    people["admin"].clearance = CONFIDENTIAL
    people["admin"].save(update_fields=["clearance"])
    spec = chain("cleared", node("sign", "approve", {"rule": "user", "username": holder}))
    process = start(spec, people["huangmin"])
    set_secrecy(process, secrecy, by=people["admin"])
    (task,) = open_at(process, "sign")
    return process, task


ACTIONS = {
    "transfer": (lambda t, p, to: Transfer(t, p["yangfan"], to=to), "/to"),
    "delegate": (lambda t, p, to: Delegate(t, p["yangfan"], to=to), "/to"),
    "add_signer": (
        lambda t, p, to: AddSigner(t, p["yangfan"], people=[p["wujing"], to]),
        "/people/1",
    ),
    "reassign": (lambda t, p, to: Reassign(t, p["admin"], to=to, reason="改"), "/to"),
}


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_a_receiver_below_the_secrecy_is_refused_and_nothing_changes(people, action) -> None:
    _, task = _held_by(people, "yangfan", SECRET)  # 杨帆 秘密; 徐刚 内部 only
    make, pointer = ACTIONS[action]
    before = snapshot()
    for step in ("check", "execute"):
        with pytest.raises(NotCleared) as refused:
            getattr(make(task, people, people["xugang"]), step)()
        assert refused.value.pointer == pointer
        assert refused.value.status == 403
    assert snapshot() == before


@pytest.mark.parametrize("action", ["transfer", "reassign", "add_signer"])
def test_a_cleared_receiver_whose_delegate_is_not_keeps_the_step(people, action) -> None:
    # 陈明 (机密) delegates to 刘洋 (秘密): on a 机密 process 陈明 himself gets the step.
    process, task = _held_by(people, "zhangjianguo", CONFIDENTIAL)
    chenming = people["chenming"]
    make = {
        "transfer": lambda: Transfer(task, people["zhangjianguo"], to=chenming),
        "reassign": lambda: Reassign(task, people["admin"], to=chenming),
        "add_signer": lambda: AddSigner(task, people["zhangjianguo"], people=[chenming]),
    }[action]

    make().execute()

    held = [(t.owner_id, t.on_behalf_of_id) for t in open_at(process, "sign")]
    assert (chenming.pk, None) in held
    assert all(owner != people["liuyang"].pk for owner, _ in held)

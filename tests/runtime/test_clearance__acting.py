"""Nobody acts on what they may not read: clearance is checked when acting, not only when assigned.

A delegate (委托) below the process's 密级 cannot act for the principal; an initiator below a
密级 raised since they started cannot 催办 or 终止; an administrator below it cannot 跳转 or
改派. The refusal is ``secrecy.not_cleared`` (403) and changes nothing.
"""

from __future__ import annotations

import pytest

from gongwen.runtime.actions import Approve, Jump, Reassign, Terminate, Urge
from gongwen.runtime.models import Process
from gongwen.runtime.secrecy import NotCleared, set_secrecy
from tests.runtime.helpers import open_at, snapshot, start
from tests.runtime.specs import chain, node

CONFIDENTIAL = 3  # 机密: above liuyang (秘密), huangmin and admin (内部)


def _confidential(people, reviewer: str = "chenming", initiator: str = "huangmin"):
    spec = chain("acting", node("review", "approve", {"rule": "user", "username": reviewer}))
    process = start(spec, people[initiator])
    # Raised by someone cleared after the start (set_secrecy would refuse no holder here, but
    # the initiator's own clearance is not what it checks): written directly for the test.
    Process.objects.filter(pk=process.pk).update(secrecy=CONFIDENTIAL)
    return Process.objects.get(pk=process.pk)


def _refused(action) -> None:
    before = snapshot()
    with pytest.raises(NotCleared) as caught:
        action.execute()
    assert caught.value.code == "secrecy.not_cleared" and caught.value.status == 403
    assert snapshot() == before


def test_a_delegate_below_the_secrecy_cannot_act_for_the_principal(people) -> None:
    spec = chain(
        "acting-delegate",
        node("prep", "approve", {"rule": "initiator"}),
        node("review", "approve", {"rule": "user", "username": "chenming"}),
    )
    process = start(spec, people["zhaolei"])  # 机密 clearance: may raise it while preparing
    set_secrecy(process, CONFIDENTIAL, by=people["zhaolei"])
    Approve(open_at(process, "prep")[0], people["zhaolei"]).execute()
    (task,) = open_at(process, "review")
    assert task.owner.username == "chenming"  # the delegate (秘密) does not stand in at 机密
    _refused(Approve(task, people["liuyang"], opinion="同意"))  # chenming → liuyang (委托)
    Approve(task, people["chenming"], opinion="同意").execute()  # the principal still can


def test_an_initiator_below_a_raised_secrecy_can_neither_urge_nor_terminate(people) -> None:
    process = _confidential(people)
    _refused(Urge(process, people["huangmin"], message="请尽快办理"))
    _refused(Terminate(process, people["huangmin"], reason="不再办理"))


def test_an_administrator_below_the_secrecy_can_neither_jump_nor_reassign(people) -> None:
    process = _confidential(people)
    (task,) = open_at(process, "review")
    _refused(Jump(process, people["admin"], target="review", reason="调整"))
    _refused(Reassign(task, people["admin"], to=people["liwenhua"], reason="调整"))

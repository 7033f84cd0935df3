"""Approval modes: 会签 all, 或签 any, ratio and 依次 sequential decide as users expect."""

from __future__ import annotations

from gongwen.runtime.actions import Approve
from gongwen.runtime.models import Task
from tests.runtime.helpers import open_at, positions, start
from tests.runtime.specs import chain, node

SIGNERS = ["wujing", "yangfan", "hetao"]


def _flow(mode: str, **options):
    return chain(
        "countersign",
        node("sign", "approve", {"rule": "form_field", "field": "signers"}, mode=mode, **options),
        node("after", "handle", {"rule": "user", "username": "guoyan"}),
    )


def _approve(process, username, people):
    (task,) = [t for t in open_at(process, "sign") if t.owner.username == username]
    return Approve(task, people[username]).execute()


def test_all_mode_waits_until_both_approvers_approved(people) -> None:
    process = start(_flow("all"), people["huangmin"], data={"signers": SIGNERS[:2]})
    assert positions(process) == [("sign", "wujing"), ("sign", "yangfan")]

    assert _approve(process, "wujing", people).decision == "waiting"
    assert positions(process) == [("sign", "yangfan")]

    assert _approve(process, "yangfan", people).decision == "moved_on"
    assert positions(process) == [("after", "guoyan")]


def test_any_mode_first_approval_decides_and_cancels_the_others(people) -> None:
    process = start(_flow("any"), people["huangmin"], data={"signers": SIGNERS})
    _approve(process, "yangfan", people)
    assert positions(process) == [("after", "guoyan")]
    cancelled = Task.objects.filter(process=process, node_id="sign", status="CANCELED")
    assert sorted(t.owner.username for t in cancelled) == ["hetao", "wujing"]


def test_ratio_mode_moves_on_when_the_share_is_reached(people) -> None:
    process = start(_flow("ratio", ratio=0.6), people["huangmin"], data={"signers": SIGNERS})
    assert _approve(process, "wujing", people).decision == "waiting"
    assert _approve(process, "hetao", people).decision == "moved_on"
    assert positions(process) == [("after", "guoyan")]


def test_sequential_mode_opens_one_task_after_another_in_order(people) -> None:
    process = start(_flow("sequential"), people["huangmin"], data={"signers": SIGNERS})
    for expected in SIGNERS:
        assert positions(process) == [("sign", expected)]
        _approve(process, expected, people)
    assert positions(process) == [("after", "guoyan")]

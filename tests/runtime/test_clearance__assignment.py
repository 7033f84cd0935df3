"""密级 in assignment, 待办 and 密级 changes: nobody below it gets, sees or keeps its work."""

from __future__ import annotations

import pytest

from gongwen.errors import Forbidden, GongwenError
from gongwen.runtime import inbox
from gongwen.runtime.actions import Approve
from gongwen.runtime.assignment import NoClearedAssignee
from gongwen.runtime.models import Outcome, Task, TraceEntry
from gongwen.runtime.secrecy import HolderNotCleared, NotCleared, set_secrecy
from gongwen.runtime.trace import trace_of
from tests.runtime.helpers import open_at, positions, snapshot, start
from tests.runtime.specs import chain, node

CONFIDENTIAL = 3  # 机密


def _reviewed_by(people, reviewer: dict, *, initiator: str = "zhaolei", secrecy: int = 3, **opts):
    """Start prep (the initiator's own step) → review; raise the 密级; finish prep."""
    spec = chain(
        "clearance",
        node("prep", "approve", {"rule": "initiator"}),
        node("review", "approve", reviewer, **opts),
    )
    process = start(spec, people[initiator])
    set_secrecy(process, secrecy, by=people[initiator])
    return process, open_at(process, "prep")[0]


def _not_cleared_rows(process) -> list[dict]:
    rows = TraceEntry.objects.filter(process=process, action="gongwen.node.not_cleared")
    return [row.payload for row in rows]


def test_a_secret_reviewer_never_gets_a_confidential_task(people) -> None:
    reviewers = {"rule": "role", "role": "leader_in_charge"}  # 2 机密, 3 秘密 in the county
    process, prep = _reviewed_by(people, reviewers, mode="all")
    Approve(prep, people["zhaolei"]).execute()

    assert sorted(owner for _, owner in positions(process)) == ["liwenhua", "wangxiuying"]
    secret = ["liangyu", "fengli", "tianye"]
    for name in secret:
        assert inbox.todo(people[name]) == []
    (payload,) = _not_cleared_rows(process)
    assert payload["reason"] == "not_cleared" and payload["secrecy"] == CONFIDENTIAL
    assert sorted(payload["passed_over"]) == sorted(people[name].pk for name in secret)


def test_skip_policy_skips_and_the_trace_says_no_one_was_cleared(people) -> None:
    reviewer = {"rule": "user", "username": "wujing"}
    process, prep = _reviewed_by(people, reviewer, on_empty="skip")
    Approve(prep, people["zhaolei"]).execute()

    skipped = Task.objects.get(process=process, node_id="review")
    assert skipped.outcome == Outcome.SKIPPED and skipped.data["skip_reason"] == "not_cleared"
    skip_row = TraceEntry.objects.get(process=process, action="gongwen.node.skip")
    assert skip_row.payload == {"reason": "not_cleared"}
    assert _not_cleared_rows(process)[0]["passed_over"] == [people["wujing"].pk]
    assert inbox.todo(people["wujing"]) == []


def test_error_policy_refuses_with_no_one_cleared_and_changes_nothing(people) -> None:
    _, prep = _reviewed_by(people, {"rule": "user", "username": "wujing"}, on_empty="error")
    before = snapshot()
    with pytest.raises(NoClearedAssignee) as refused:
        Approve(prep, people["zhaolei"]).execute()
    assert refused.value.code == "assignee.not_cleared"
    assert "sufficient clearance" in str(refused.value)
    assert snapshot() == before


def test_to_admin_takes_only_a_cleared_administrator(people) -> None:
    reviewer = {"rule": "user", "username": "wujing"}
    process, prep = _reviewed_by(people, reviewer, on_empty="to_admin")
    with pytest.raises(NoClearedAssignee):  # the demo's admin is 内部
        Approve(prep, people["zhaolei"]).execute()

    admin = people["admin"]
    admin.clearance = CONFIDENTIAL
    admin.save(update_fields=["clearance"])
    Approve(prep, people["zhaolei"]).execute()
    assert positions(process) == [("review", "admin")]
    assert _not_cleared_rows(process)[0]["passed_over"] == [people["wujing"].pk]


def test_a_delegate_below_the_secrecy_does_not_stand_in(people) -> None:
    # 陈明 (机密) delegates to 刘洋 (秘密) in the demo county: a 机密 task stays with 陈明.
    process, prep = _reviewed_by(people, {"rule": "user", "username": "chenming"})
    Approve(prep, people["zhaolei"]).execute()
    (task,) = open_at(process, "review")
    assert (task.owner, task.on_behalf_of) == (people["chenming"], None)
    assert inbox.todo(people["liuyang"]) == []


def test_raising_the_secrecy_above_an_open_holder_is_refused(people) -> None:
    process, prep = _reviewed_by(people, {"rule": "user", "username": "wujing"}, secrecy=0)
    Approve(prep, people["zhaolei"]).execute()  # wujing (秘密) now holds review
    before = snapshot()
    with pytest.raises(HolderNotCleared) as refused:
        set_secrecy(process, "机密", by=people["zhaolei"])
    assert (refused.value.pointer, refused.value.status) == ("/secrecy", 409)
    assert "吴静" in str(refused.value)
    assert snapshot() == before
    assert set_secrecy(process, "秘密", by=people["zhaolei"])  # up to the holder's clearance


def test_lists_hide_work_whose_secrecy_was_raised_past_the_person(people) -> None:
    process, prep = _reviewed_by(people, {"rule": "user", "username": "wujing"}, secrecy=0)
    Approve(prep, people["zhaolei"]).execute()
    Approve(open_at(process, "review")[0], people["wujing"]).execute()
    assert [t.process_id for t in inbox.done(people["wujing"])] == [process.pk]
    assert [p.pk for p in inbox.started_by(people["zhaolei"])] == [process.pk]
    set_secrecy(process, CONFIDENTIAL)  # finished: nobody holds it any more
    assert inbox.done(people["wujing"]) == []
    assert [p.pk for p in inbox.started_by(people["zhaolei"])] == [process.pk]
    with pytest.raises(NotCleared):
        trace_of(process, people["wujing"])
    assert trace_of(process, people["zhaolei"]).rows


def test_refusals_are_forbidden_errors_with_the_secrecy_pointer(people) -> None:
    process, _ = _reviewed_by(people, {"rule": "user", "username": "wujing"})
    with pytest.raises(Forbidden) as refused:
        trace_of(process, people["wujing"])
    assert isinstance(refused.value, GongwenError)
    assert (refused.value.code, refused.value.pointer) == ("secrecy.not_cleared", "/secrecy")

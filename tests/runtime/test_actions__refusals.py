"""Actions refuse clearly and change nothing: wrong person, done task, finished process …"""

from __future__ import annotations

import pytest

from gongwen.runtime.actions import Approve, Reject, SaveOpinion, StartProcess, Transfer
from gongwen.runtime.exceptions import (
    ActionError,
    Conflict,
    InvalidInput,
    NotFound,
    NotPermitted,
)
from gongwen.runtime.models import Outcome, Process
from gongwen.runtime.opinions import current_opinion, opinion_history
from tests.runtime.helpers import open_at, positions, snapshot, start
from tests.runtime.specs import chain, node


def _spec(**options):
    return chain(
        "refusals",
        node("section", "approve", {"rule": "department_head", "of": "initiator"}, **options),
        node("office", "approve", {"rule": "user", "username": "wujing"}),
    )


def test_someone_who_does_not_hold_the_task_cannot_act_on_it(people) -> None:
    process = start(_spec(), people["huangmin"])
    task = open_at(process, "section")[0]
    before = snapshot()
    with pytest.raises(NotPermitted) as refused:
        Approve(task, people["wujing"]).execute()
    assert refused.value.code == "action.not_permitted"
    assert snapshot() == before


def test_completing_a_task_twice_gets_a_conflict_and_changes_nothing(people) -> None:
    process = start(_spec(), people["huangmin"])
    task = open_at(process, "section")[0]
    Approve(task, people["yangfan"]).execute()
    before = snapshot()
    with pytest.raises(Conflict):
        Approve(task, people["yangfan"]).execute()
    with pytest.raises(Conflict):
        Reject(task, people["yangfan"]).execute()
    assert snapshot() == before


def test_acting_on_a_finished_process_is_a_conflict(people) -> None:
    process = start(_spec(), people["huangmin"])
    Reject(open_at(process, "section")[0], people["yangfan"], opinion="不同意").execute()
    process.refresh_from_db()
    assert process.outcome == Outcome.REJECTED and process.finished is not None
    assert positions(process) == []


def test_required_opinion_missing_is_invalid_input(people) -> None:
    process = start(_spec(opinion_required=True), people["huangmin"])
    task = open_at(process, "section")[0]
    with pytest.raises(InvalidInput):
        Approve(task, people["yangfan"], opinion="   ").execute()
    Approve(task, people["yangfan"], opinion="同意").execute()


def test_an_action_the_node_does_not_offer_is_refused(people) -> None:
    process = start(_spec(actions=["approve"]), people["huangmin"])
    with pytest.raises(NotPermitted):
        Reject(open_at(process, "section")[0], people["yangfan"]).execute()


def test_unknown_task_is_not_found(people) -> None:
    with pytest.raises(NotFound):
        Approve(10**9, people["yangfan"]).execute()


def test_errors_carry_a_code_and_a_readable_message() -> None:
    error = Conflict()
    assert isinstance(error, ActionError)
    assert error.code == "action.conflict" and str(error)


def test_bad_start_input_is_refused_before_anything_is_written(people) -> None:
    before = snapshot()
    with pytest.raises(InvalidInput):
        StartProcess(_spec(), people["huangmin"], urgency="very").execute()
    with pytest.raises(InvalidInput):
        StartProcess(_spec(), people["huangmin"], data=["not", "a", "dict"]).execute()
    assert snapshot() == before
    assert not Process.objects.exists()


def test_transfer_hands_the_task_to_another_person(people) -> None:
    process = start(_spec(), people["huangmin"])
    task = open_at(process, "section")[0]
    Transfer(task, people["yangfan"], to=people["wujing"], opinion="请吴静办理").execute()
    assert positions(process) == [("section", "wujing")]
    with pytest.raises(NotPermitted):
        Approve(task, people["yangfan"]).execute()
    Approve(task, people["wujing"]).execute()


def test_every_revision_of_an_opinion_is_kept(people) -> None:
    process = start(_spec(), people["huangmin"])
    task = open_at(process, "section")[0]
    SaveOpinion(task, people["yangfan"], text="初稿意见").execute()
    Approve(task, people["yangfan"], opinion="同意").execute()
    assert current_opinion(task) == "同意"
    assert [r.opinion for r in opinion_history(task)] == ["初稿意见", "同意"]


def test_only_the_holder_of_the_open_task_saves_an_opinion_on_it(people) -> None:
    process = start(_spec(), people["huangmin"])
    task = open_at(process, "section")[0]
    before = snapshot()
    with pytest.raises(NotPermitted):
        SaveOpinion(task, people["wujing"], text="旁人意见").execute()
    assert snapshot() == before
    Approve(task, people["yangfan"], opinion="同意").execute()
    with pytest.raises(Conflict):
        SaveOpinion(task, people["yangfan"], text="事后意见").execute()


def test_the_audit_event_of_an_action_carries_its_opinion(people) -> None:
    from gongwen.audit.models import AuditEvent

    process = start(_spec(), people["huangmin"])
    task = open_at(process, "section")[0]
    Approve(task, people["yangfan"], opinion="同意。请办公室核稿").execute()
    event = AuditEvent.objects.get(action="gongwen.task.approve", payload__task=task.pk)
    assert event.payload["opinion"] == "同意。请办公室核稿"


def test_an_opinion_that_cannot_be_stored_is_refused_and_nothing_changes(people) -> None:
    process = start(_spec(), people["huangmin"])
    task = open_at(process, "section")[0]
    before = snapshot()
    with pytest.raises(InvalidInput):
        Approve(task, people["yangfan"], opinion="同意\x00").execute()
    with pytest.raises(InvalidInput):
        SaveOpinion(task, people["yangfan"], text="   ").execute()
    assert snapshot() == before


def test_an_urge_message_is_not_anyones_opinion(people) -> None:
    from gongwen.runtime.actions import Urge

    process = start(_spec(), people["huangmin"])
    task = open_at(process, "section")[0]
    Urge(process, people["huangmin"], message="请今日办结").execute()
    assert current_opinion(task) == "" and opinion_history(task) == []
    Approve(task, people["yangfan"], opinion="同意").execute()
    assert [r.opinion for r in opinion_history(task)] == ["同意"]


@pytest.mark.parametrize("text", ["撤\x00销", "\ud800"])
def test_unstorable_text_in_a_message_or_reason_is_refused_and_nothing_changes(
    people, text
) -> None:
    from gongwen.runtime.actions import Terminate, Urge

    process = start(_spec(), people["huangmin"])
    before = snapshot()
    for action in (
        Urge(process, people["huangmin"], message=text),
        Terminate(process, people["huangmin"], reason=text),
    ):
        with pytest.raises(InvalidInput):
            action.execute()
    assert snapshot() == before

"""After an action commits, the people holding the tasks it opened are told (by the worker)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gongwen.notifications.models import Notification
from gongwen.org.models import Delegation
from gongwen.runtime.actions import Approve, StartProcess, Urge
from gongwen.runtime.announcements import ASSIGNED, URGED, announce, deliver
from gongwen.runtime.models import Process
from tests.runtime.helpers import open_at, start
from tests.runtime.specs import chain, node
from tests.runtime.test_subflow__child_process import child_type  # noqa: F401


def _spec():
    return chain(
        "announce",
        node("section", "approve", {"rule": "user", "username": "yangfan"}),
        node("office", "approve", {"rule": "user", "username": "wujing"}),
    )


def _enqueued() -> list[list]:
    rows = DBTaskResult.objects.filter(task_path=announce.module_path).order_by("enqueued_at")
    return [row.args_kwargs["args"] for row in rows]


def test_approving_enqueues_the_announcement_and_the_worker_tells_the_next_person(
    people, django_capture_on_commit_callbacks
) -> None:
    process = start(_spec(), people["huangmin"], title="关于报送年度总结的通知")
    (section,) = open_at(process, "section")
    with django_capture_on_commit_callbacks(execute=True):
        result = Approve(section, people["yangfan"]).execute()
    assert _enqueued()[-1] == ["gongwen.task.approve", result.opened_task_ids]
    assert not Notification.objects.filter(user=people["wujing"]).exists()  # not in the action

    assert deliver(*_enqueued()[-1]) == 1
    (told,) = Notification.objects.filter(user=people["wujing"])
    (office,) = open_at(process, "office")
    assert (told.kind, told.process_id, told.task_id) == (ASSIGNED, process.pk, office.pk)
    assert "关于报送年度总结的通知" in told.message


def test_an_assignee_who_has_since_delegated_is_told_with_their_delegate(people) -> None:
    process = start(_spec(), people["huangmin"])
    (section,) = open_at(process, "section")
    result = Approve(section, people["yangfan"]).execute()
    now = timezone.now()
    Delegation.objects.create(  # after the task went to 吴静, before the worker told her
        delegator=people["wujing"],
        delegate=people["hetao"],
        starts_at=now - timedelta(minutes=1),
        ends_at=now + timedelta(days=1),
        reason="出差",
    )
    deliver("gongwen.task.approve", result.opened_task_ids)
    told = Notification.objects.filter(task_id=result.opened_task_ids[0])
    assert set(told.values_list("user__username", flat=True)) == {"wujing", "hetao"}


def test_urging_tells_the_holder_with_the_message_and_skips_tasks_already_done(people) -> None:
    process = start(_spec(), people["huangmin"], title="请示")
    (section,) = open_at(process, "section")
    result = Urge(process, people["huangmin"], message="请今日办结").execute()
    assert deliver("gongwen.task.urge", result.opened_task_ids) == 1
    (told,) = Notification.objects.filter(user=people["yangfan"], kind=URGED)
    assert "请今日办结" in told.message and told.task_id == section.pk

    Approve(section, people["yangfan"]).execute()
    assert deliver("gongwen.task.urge", result.opened_task_ids) == 0


def test_a_waiting_join_is_not_announced_and_does_not_keep_the_others_untold(people) -> None:
    from tests.runtime.specs import flow

    spec = flow(
        "announce-join",
        [
            node("start", "start"),
            node("split", "parallel"),
            node("a", "approve", {"rule": "user", "username": "yangfan"}),
            node("join", "join"),
            node("end", "end"),
        ],
        [("start", "split"), ("split", "a"), ("split", "join"), ("a", "join"), ("join", "end")],
    )
    result = StartProcess(spec, people["huangmin"]).execute()
    process = Process.objects.get(pk=result.process_id)
    (branch,) = open_at(process, "a")
    (join,) = open_at(process, "join")
    assert result.opened_task_ids == [branch.pk]  # the join waits, but nobody is to be told
    assert deliver("gongwen.process.start", [join.pk, branch.pk]) == 1
    assert Notification.objects.get(task_id=branch.pk).user == people["yangfan"]


def test_a_childs_first_step_is_announced_by_the_action_that_started_it(
    people,
    child_type,  # noqa: F811
) -> None:
    spec = chain(
        "announce-child",
        node("sub", "subflow", params={"flow": child_type}),
        node("office", "approve", {"rule": "user", "username": "wujing"}),
    )
    result = StartProcess(spec, people["huangmin"], data={"body": "x"}).execute()
    child = Process.objects.get(parent_task__process_id=result.process_id)
    child_tasks = [t.pk for t in open_at(child, "review")]
    assert child_tasks and result.opened_task_ids == child_tasks

"""After an action commits, the people holding the tasks it opened are told (by the worker)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gongwen.notifications.models import Notification
from gongwen.org.models import Delegation
from gongwen.runtime.actions import Approve, Urge
from gongwen.runtime.announcements import ASSIGNED, URGED, announce, deliver
from tests.runtime.helpers import open_at, start
from tests.runtime.specs import chain, node


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

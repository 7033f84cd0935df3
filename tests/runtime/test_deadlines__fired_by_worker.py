"""Deadlines: computed when a task opens, reminded before, escalated after — by the worker."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from gongwen.audit.models import AuditEvent
from gongwen.definitions.specs import DeadlineSpec, Escalation
from gongwen.notifications.models import Notification
from gongwen.runtime.actions.approve import Approve
from gongwen.runtime.deadlines.firing import fire_due
from gongwen.runtime.deadlines.models import Deadline
from gongwen.runtime.deadlines.tasks import fire_due_deadlines
from gongwen.runtime.models import Outcome, Process, Task
from tests.runtime.deadline_helpers import actions_of, make_due, timed
from tests.runtime.helpers import open_at, positions, start
from tests.runtime.specs import chain, node


def _at_sign(people, escalation: str):
    process = start(timed(escalation), people["huangmin"])
    (review,) = open_at(process, "review")
    Approve(review, people["wujing"], opinion="同意").execute()
    (sign,) = open_at(process, "sign")
    return process, sign


def test_a_task_of_a_timed_node_gets_its_due_and_reminder_times(people) -> None:
    before = timezone.now()
    _process, sign = _at_sign(people, "none")
    deadline = Deadline.objects.get(task=sign)
    assert before + timedelta(hours=1) <= deadline.due_at <= timezone.now() + timedelta(hours=1)
    assert deadline.due_at - deadline.remind_at == timedelta(minutes=15)
    assert not Deadline.objects.filter(task__node_id="review").exists()  # no limit there


def test_the_worker_reminds_the_assignee_once(people) -> None:
    process, sign = _at_sign(people, "none")
    make_due(remind=True, task=sign)
    assert fire_due_deadlines.call() == {"reminded": 1}
    assert fire_due_deadlines.call() == {}
    (note,) = Notification.objects.filter(kind="deadline.reminder")
    assert (note.user, note.task_id, note.process_id) == (people["hetao"], sign.pk, process.pk)
    assert actions_of(process, "gongwen.deadline.") == ["gongwen.deadline.remind"]


def test_the_reminder_also_goes_to_the_assignees_delegate(people) -> None:
    from gongwen.org.models import Delegation

    _process, sign = _at_sign(people, "none")
    now = timezone.now()  # delegated after the task was assigned: hetao still holds it
    Delegation.objects.create(
        delegator=people["hetao"],
        delegate=people["liuyang"],
        starts_at=now - timedelta(days=1),
        ends_at=now + timedelta(days=1),
    )
    make_due(remind=True, task=sign)
    fire_due()
    recipients = set(Notification.objects.values_list("user__username", flat=True))
    assert recipients == {"hetao", "liuyang"}


def test_auto_approve_is_done_by_the_system_and_recorded_as_such(people) -> None:
    process, sign = _at_sign(people, "auto_approve")
    make_due(expire=True, task=sign)
    assert fire_due_deadlines.call() == {"escalated": 1}
    sign.refresh_from_db()
    assert (sign.outcome, sign.completed_by) == (Outcome.APPROVED, None)
    assert actions_of(process)[-3:] == [
        "gongwen.deadline.expire",
        "gongwen.task.auto_approve",
        "gongwen.process.complete",
    ]
    audit = AuditEvent.objects.filter(action="gongwen.task.auto_approve").get()
    assert audit.actor is None and audit.payload["task"] == sign.pk
    assert Process.objects.get(pk=process.pk).outcome == "completed"


def test_auto_return_sends_the_work_back_to_the_previous_step(people) -> None:
    process, sign = _at_sign(people, "auto_return")
    make_due(expire=True, task=sign)
    fire_due()
    sign.refresh_from_db()
    assert sign.outcome == Outcome.RETURNED
    assert positions(process) == [("review", "wujing")]
    assert actions_of(process)[-2:] == ["gongwen.deadline.expire", "gongwen.task.auto_return"]


def test_notify_superior_tells_the_assignees_superior(people) -> None:
    from gongwen.org.queries import superior

    process, sign = _at_sign(people, "notify_superior")
    boss = superior(people["hetao"])
    assert boss is not None
    make_due(expire=True, task=sign)
    fire_due()
    assert Notification.objects.filter(kind="deadline.escalated", user=boss).count() == 1
    assert Notification.objects.filter(kind="deadline.expired", user=people["hetao"]).exists()
    assert positions(process) == [("sign", "hetao")]  # the task stays with the assignee


def test_a_task_completed_before_its_deadline_never_fires(people) -> None:
    process, sign = _at_sign(people, "auto_return")
    Approve(sign, people["hetao"]).execute()
    make_due(remind=True, expire=True, task=sign)
    assert fire_due() == {"closed": 1}
    assert fire_due() == {}
    assert not Notification.objects.exists()
    assert actions_of(process, "gongwen.deadline.") == []


def test_a_reminder_not_yet_due_does_not_fire(people) -> None:
    _at_sign(people, "auto_approve")
    assert fire_due() == {}
    assert fire_due(timezone.now() + timedelta(minutes=50)) == {"reminded": 1}
    assert fire_due(timezone.now() + timedelta(minutes=61)) == {"escalated": 1}


def test_a_refused_escalation_is_traced_and_the_task_stays(people) -> None:
    process = start(timed("auto_return"), people["huangmin"])
    (review,) = open_at(process, "review")
    Deadline.objects.create(task=review, due_at=timezone.now(), escalation="auto_return")
    # Nothing earlier to return to (the start no longer counts as done): the return fails.
    Task.objects.filter(process=process, node_id="start").update(status="CANCELED")
    fire_due()
    assert actions_of(process, "gongwen.deadline.")[-1] == "gongwen.deadline.escalation_failed"
    assert positions(process) == [("review", "wujing")]


def test_one_broken_deadline_does_not_stop_the_others(people, monkeypatch) -> None:
    from gongwen.runtime.deadlines import escalation

    _, sign_1 = _at_sign(people, "none")
    _at_sign(people, "none")
    make_due(remind=True)
    real = escalation.remind

    def remind(task, due_at):
        if task.pk == sign_1.pk:
            raise RuntimeError("broken")
        return real(task, due_at)

    monkeypatch.setattr(escalation, "remind", remind)
    assert fire_due() == {"failed": 1, "reminded": 1}
    assert Deadline.objects.get(task=sign_1).reminded_at is None  # rolled back, still due
    monkeypatch.setattr(escalation, "remind", real)
    assert fire_due() == {"reminded": 1}


def test_auto_return_goes_upstream_never_to_the_step_that_returned_the_work(people) -> None:
    from gongwen.runtime.actions.return_to import ReturnTo

    limit = DeadlineSpec(
        duration=timedelta(hours=1), working_time=False, escalation=Escalation.AUTO_RETURN
    )
    spec = chain(
        "upstream",
        node("review", "approve", {"rule": "user", "username": "wujing"}, deadline=limit),
        node("sign", "approve", {"rule": "user", "username": "hetao"}, return_targets=["*"]),
    )
    process = start(spec, people["huangmin"])
    Approve(open_at(process, "review")[0], people["wujing"]).execute()
    ReturnTo(open_at(process, "sign")[0], people["hetao"], target="review").execute()
    (again,) = open_at(process, "review")
    make_due(expire=True, task=again)
    fire_due()
    assert positions(process) == [("@resubmit", "huangmin")]  # back to the drafter, not sign

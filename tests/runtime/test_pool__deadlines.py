"""A timed 认领 node: the deadline runs from when the pool task opens, claimed or not."""

from __future__ import annotations

from datetime import timedelta

import pytest

from gongwen.definitions.specs import DeadlineSpec, Escalation
from gongwen.notifications.models import Notification
from gongwen.runtime.actions import Claim
from gongwen.runtime.deadlines.models import Deadline
from gongwen.runtime.deadlines.tasks import fire_due_deadlines
from gongwen.runtime.models import Outcome
from tests.runtime.deadline_helpers import actions_of, make_due
from tests.runtime.helpers import open_at, start
from tests.runtime.specs import chain, node

REGISTRARS = {"hetao", "guoyan", "mahui"}


def _timed_pool(people, escalation: str):
    limit = DeadlineSpec(
        duration=timedelta(hours=1),
        working_time=False,
        remind_before=timedelta(minutes=15),
        escalation=Escalation(escalation),
    )
    pool = {"rule": "role", "role": "registrar", "within": "initiator_org"}
    spec = chain("timed-pool", node("register", "handle", pool, claim=True, deadline=limit))
    process = start(spec, people["huangmin"])
    (task,) = open_at(process, "register")
    return process, task


def test_an_unclaimed_task_gets_its_deadline_and_reminds_the_whole_pool(people) -> None:
    process, task = _timed_pool(people, "none")
    assert Deadline.objects.filter(task=task).count() == 1
    make_due(remind=True, task=task)
    assert fire_due_deadlines.call() == {"reminded": 1}
    reminded = {n.user.username for n in Notification.objects.filter(kind="deadline.reminder")}
    assert reminded == REGISTRARS
    assert actions_of(process, "gongwen.deadline.") == ["gongwen.deadline.remind"]


def test_a_claimed_task_keeps_the_deadline_and_reminds_the_claimer(people) -> None:
    _process, task = _timed_pool(people, "none")
    Claim(task, people["mahui"]).execute()
    make_due(remind=True, task=task)
    fire_due_deadlines.call()
    (note,) = Notification.objects.filter(kind="deadline.reminder")
    assert note.user == people["mahui"]


@pytest.mark.parametrize("claimed", [False, True])
def test_auto_approve_needs_a_claimer(people, claimed) -> None:
    process, task = _timed_pool(people, "auto_approve")
    if claimed:
        Claim(task, people["guoyan"]).execute()
    make_due(expire=True, task=task)
    assert fire_due_deadlines.call() == {"escalated": 1}
    task.refresh_from_db()
    expired = {n.user.username for n in Notification.objects.filter(kind="deadline.expired")}
    if claimed:
        assert task.outcome == Outcome.APPROVED
        assert expired == {"guoyan"}
    else:  # nobody to approve for: refused and traced, the pool is told, the task waits
        assert (task.status, task.owner_id) == ("NEW", None)
        assert "gongwen.deadline.escalation_failed" in actions_of(process, "gongwen.deadline.")
        assert expired == REGISTRARS


def test_auto_return_of_an_unclaimed_task_is_refused_and_the_task_waits(people) -> None:
    process, task = _timed_pool(people, "auto_return")
    make_due(expire=True, task=task)
    assert fire_due_deadlines.call() == {"escalated": 1}
    task.refresh_from_db()
    assert (task.status, task.owner_id) == ("NEW", None)
    assert actions_of(process, "gongwen.deadline.")[-1] == "gongwen.deadline.escalation_failed"


def test_notify_superior_on_an_unclaimed_task_tells_the_head_of_the_pools_department(
    people,
) -> None:
    process, task = _timed_pool(people, "notify_superior")
    make_due(expire=True, task=task)
    assert fire_due_deadlines.call() == {"escalated": 1}
    (note,) = Notification.objects.filter(kind="deadline.escalated")
    assert note.user == people["chenming"]  # 县政府办主任: the registrars' pool is 县政府办's
    assert "县政府办" in note.message
    assert actions_of(process, "gongwen.deadline.") == ["gongwen.deadline.expire"]

"""委托: a delegation in effect sends work to the delegate, who acts "on behalf of"."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from gongwen.org.models import Delegation
from gongwen.runtime import inbox
from gongwen.runtime.actions import Approve
from gongwen.runtime.models import TraceEntry
from gongwen.runtime.opinions import opinion_history
from gongwen.runtime.trace import SYSTEM, trace_of
from tests.runtime.helpers import open_at, start
from tests.runtime.specs import chain, node


def _spec(username: str):
    return chain("delegation", node("sign", "approve", {"rule": "user", "username": username}))


def test_task_of_someone_away_goes_to_their_delegate_and_records_on_behalf_of(people) -> None:
    # The demo county has 陈明 (chenming) delegating everything to 刘洋 (liuyang).
    process = start(_spec("chenming"), people["huangmin"])
    (task,) = open_at(process, "sign")
    assert (task.owner, task.on_behalf_of) == (people["liuyang"], people["chenming"])

    Approve(task, people["liuyang"], opinion="同意（代签）").execute()

    entry = TraceEntry.objects.get(process=process, action="gongwen.task.approve")
    assert (entry.actor, entry.on_behalf_of) == (people["liuyang"], people["chenming"])
    (revision,) = opinion_history(task)
    assert (revision.actor, revision.on_behalf_of) == (people["liuyang"], people["chenming"])
    row = next(r for r in trace_of(process, SYSTEM).rows if r.action == "gongwen.task.approve")
    assert row.on_behalf_of == people["chenming"]


def test_delegation_that_starts_after_assignment_lets_the_delegate_act(people) -> None:
    process = start(_spec("wujing"), people["huangmin"])
    (task,) = open_at(process, "sign")
    assert task not in inbox.todo(people["xugang"])
    now = timezone.now()
    Delegation.objects.create(
        delegator=people["wujing"],
        delegate=people["xugang"],
        starts_at=now - timedelta(minutes=1),
        ends_at=now + timedelta(days=1),
    )

    assert task in inbox.todo(people["xugang"])
    Approve(task, people["xugang"]).execute()

    task.refresh_from_db()
    assert task.completed_by == people["xugang"]
    entry = TraceEntry.objects.get(process=process, action="gongwen.task.approve")
    assert (entry.actor, entry.on_behalf_of) == (people["xugang"], people["wujing"])

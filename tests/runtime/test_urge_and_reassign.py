"""催办 reminds the holders once an hour at most; an administrator can reassign any task."""

from __future__ import annotations

import pytest

from gongwen.org.models import User
from gongwen.runtime.actions import Approve, Reassign, Urge
from gongwen.runtime.exceptions import Conflict, NotPermitted
from gongwen.runtime.models import TraceEntry
from gongwen.runtime.signals import process_changed
from tests.runtime.helpers import open_at, positions, snapshot, start
from tests.runtime.specs import chain, node


def _process(people):
    spec = chain("urge", node("sign", "approve", {"rule": "form_field", "field": "s"}, mode="all"))
    return start(spec, people["huangmin"], data={"s": ["wujing", "hetao"]})


def test_initiator_urges_every_holder_once_and_notifications_are_signalled(
    people, django_capture_on_commit_callbacks
) -> None:
    process = _process(people)
    received = []

    def listener(sender, **kw) -> None:
        received.append((kw["action"], kw["opened_task_ids"]))

    process_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            Urge(process, people["huangmin"], message="请尽快审批").execute()
    finally:
        process_changed.disconnect(listener)
    urged = TraceEntry.objects.filter(process=process, action="gongwen.task.urge")
    assert sorted(e.payload["to"] for e in urged) == sorted(
        [people["wujing"].pk, people["hetao"].pk]
    )
    assert received == [("gongwen.task.urge", [t.pk for t in open_at(process, "sign")])]

    before = snapshot()
    with pytest.raises(Conflict):
        Urge(process, people["huangmin"]).execute()
    assert snapshot() == before


def test_only_the_initiator_or_an_administrator_may_urge(people) -> None:
    process = _process(people)
    with pytest.raises(NotPermitted):
        Urge(process, people["wujing"]).execute()


def test_administrator_reassigns_a_task_and_others_may_not(people) -> None:
    process = _process(people)
    task = next(t for t in open_at(process, "sign") if t.owner.username == "wujing")
    with pytest.raises(NotPermitted):
        Reassign(task, people["huangmin"], to=people["guoyan"]).execute()
    admin = User.objects.filter(is_superuser=True, is_active=True).first()
    Reassign(task, admin, to=people["guoyan"], reason="吴静休假").execute()
    assert sorted(positions(process)) == [("sign", "guoyan"), ("sign", "hetao")]
    Approve(task, people["guoyan"]).execute()
    entry = TraceEntry.objects.get(process=process, action="gongwen.admin.reassign")
    assert (entry.actor, entry.opinion) == (admin, "吴静休假")

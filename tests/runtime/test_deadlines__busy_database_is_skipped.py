"""A busy database during an escalation leaves the deadline due ("skipped"), not "failed".

The escalation runs a nested kernel action, which turns an ``OperationalError`` into
:class:`~gongwen.errors.Unavailable` (the ``OperationalError`` as its ``__cause__``); the sweep
still knows it for the busy SQLite it is.
"""

from __future__ import annotations

from django.db import OperationalError

from gongwen.errors import Unavailable
from gongwen.runtime.actions import Approve
from gongwen.runtime.deadlines import escalation
from gongwen.runtime.deadlines.firing import fire_due
from gongwen.runtime.deadlines.models import Deadline
from tests.runtime.deadline_helpers import make_due, timed
from tests.runtime.helpers import open_at, start


def _overdue_sign(people):
    process = start(timed("auto_approve"), people["huangmin"])
    (review,) = open_at(process, "review")
    Approve(review, people["wujing"]).execute()
    (sign,) = open_at(process, "sign")
    make_due(expire=True, task=sign)
    return sign


def test_a_locked_database_in_the_nested_action_is_skipped_and_stays_due(
    people, monkeypatch
) -> None:
    sign = _overdue_sign(people)

    def busy(self):
        raise OperationalError("database is locked")

    monkeypatch.setattr(escalation.SystemApprove, "run", busy)
    assert fire_due() == {"skipped": 1}
    assert Deadline.objects.get(task=sign).settled_at is None  # due for the next sweep

    monkeypatch.undo()
    assert fire_due() == {"escalated": 1}


def test_an_unavailable_service_is_still_a_failure(people, monkeypatch) -> None:
    sign = _overdue_sign(people)

    def unavailable(self):
        raise Unavailable()

    monkeypatch.setattr(escalation.SystemApprove, "run", unavailable)
    assert fire_due() == {"failed": 1}
    assert Deadline.objects.get(task=sign).settled_at is None

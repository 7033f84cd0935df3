"""The announcement is an outbox row of the action's own transaction: one COMMIT, no more."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from gongwen.audit.models import AuditEvent
from gongwen.runtime.actions import Approve
from gongwen.runtime.announcements import announce
from tests.runtime.helpers import open_at, start
from tests.runtime.specs import chain, node


def _spec():
    return chain(
        "outbox",
        node("section", "approve", {"rule": "user", "username": "yangfan"}),
        node("office", "approve", {"rule": "user", "username": "wujing"}),
    )


def _queued() -> int:
    return DBTaskResult.objects.filter(task_path=announce.module_path).count()


def test_a_rolled_back_action_queues_nothing_and_records_nothing(people) -> None:
    process = start(_spec(), people["huangmin"])
    (section,) = open_at(process, "section")
    queued, events = _queued(), AuditEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        Approve(section, people["yangfan"]).execute()
        raise RuntimeError("the caller's transaction fails after the action")
    assert (_queued(), AuditEvent.objects.count()) == (queued, events)


@pytest.mark.django_db(transaction=True)
def test_a_committed_action_sends_nothing_after_its_commit(people) -> None:
    process = start(_spec(), people["huangmin"])
    (section,) = open_at(process, "section")
    queued = _queued()
    with CaptureQueriesContext(connection) as captured:
        result = Approve(section, people["yangfan"]).execute()
    sql = [q["sql"] for q in captured.captured_queries]
    assert sql.count("COMMIT") == 1 and sql[-1] == "COMMIT"  # one disk flush
    assert _queued() == queued + 1
    (row,) = DBTaskResult.objects.filter(task_path=announce.module_path).order_by("-enqueued_at")[
        :1
    ]
    assert row.args_kwargs["args"] == ["gongwen.task.approve", result.opened_task_ids]
    # The audit event is the transaction's last write (the head is locked just before COMMIT).
    writes = [s for s in sql[: sql.index("COMMIT")] if s.startswith(("INSERT", "UPDATE"))]
    assert writes[-1].startswith('INSERT INTO "audit_auditevent"')

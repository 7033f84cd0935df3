"""Every state change has a trace row and the same audit event; side effects wait for commit."""

from __future__ import annotations

from gongwen.audit.models import AuditEvent
from gongwen.runtime.actions import Approve, ReturnTo
from gongwen.runtime.signals import process_changed
from tests.runtime.helpers import open_at, start
from tests.runtime.specs import chain, node


def _spec():
    return chain(
        "events",
        node("section", "approve", {"rule": "department_head", "of": "initiator"}),
        node("sign", "approve", {"rule": "user", "username": "chenming"}, return_targets=["*"]),
        node("number", "number"),
    )


def test_replaying_the_audit_log_gives_the_trace(people) -> None:
    process = start(_spec(), people["huangmin"])
    Approve(open_at(process, "section")[0], people["yangfan"], opinion="同意").execute()
    ReturnTo(open_at(process, "sign")[0], people["liuyang"], target="section").execute()
    Approve(open_at(process, "section")[0], people["yangfan"]).execute()
    Approve(open_at(process, "sign")[0], people["liuyang"]).execute()

    events = AuditEvent.objects.filter(
        target_type="runtime.process", target_id=str(process.pk)
    ).order_by("seq")
    from gongwen.runtime.trace import SYSTEM, trace_of

    trace = trace_of(process, SYSTEM).rows
    assert [(e.action, e.payload["node"]) for e in events] == [(r.action, r.node_id) for r in trace]
    assert [r.action for r in trace] == [
        "gongwen.process.start",
        "gongwen.task.approve",
        "gongwen.task.return",
        "gongwen.task.approve",
        "gongwen.task.approve",
        "gongwen.node.pass_through",
        "gongwen.process.complete",
    ]
    delegated = events.filter(action="gongwen.task.approve", payload__node="sign").get()
    assert (delegated.actor, delegated.on_behalf_of) == (people["liuyang"], people["chenming"])


def test_process_changed_is_sent_only_after_commit(
    people, django_capture_on_commit_callbacks
) -> None:
    received = []

    def listener(sender, **kwargs) -> None:
        received.append((kwargs["action"], kwargs["opened_task_ids"]))

    process_changed.connect(listener)
    try:
        process = start(_spec(), people["huangmin"])
        task = open_at(process, "section")[0]
        received.clear()
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            Approve(task, people["yangfan"]).execute()
        assert received == []
        for callback in callbacks:
            callback()
        (next_task,) = open_at(process, "sign")
        assert received == [("gongwen.task.approve", [next_task.pk])]
    finally:
        process_changed.disconnect(listener)

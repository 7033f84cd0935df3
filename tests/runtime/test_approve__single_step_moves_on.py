"""A single approver approves and the flow moves on to the next step, then ends."""

from __future__ import annotations

from gongwen.runtime.actions import Approve, StartProcess
from gongwen.runtime.models import Outcome, Process, Task, TraceEntry
from tests.runtime.specs import chain, node


def test_two_step_chain_runs_to_completion(people) -> None:
    spec = chain(
        "notice",
        node("section", "approve", {"rule": "department_head", "of": "initiator"}),
        node("office", "approve", {"rule": "user", "username": "wujing"}),
    )
    started = StartProcess(spec, people["huangmin"], data={"amount": 5}).execute()
    (first,) = Task.objects.filter(pk__in=started.opened_task_ids)
    assert first.node_id == "section"
    assert first.owner == people["yangfan"]

    result = Approve(first, people["yangfan"], opinion="同意").execute()
    (second,) = Task.objects.filter(pk__in=result.opened_task_ids)
    assert second.node_id == "office" and second.owner == people["wujing"]

    Approve(second, people["wujing"]).execute()
    process = Process.objects.get(pk=started.process_id)
    assert process.finished is not None
    assert process.outcome == Outcome.COMPLETED
    actions = list(TraceEntry.objects.filter(process=process).values_list("action", "node_id"))
    assert actions == [
        ("gongwen.process.start", "start"),
        ("gongwen.task.approve", "section"),
        ("gongwen.task.approve", "office"),
        ("gongwen.process.complete", "end"),
    ]

"""Subflow: the parent starts a process of another document type and waits until it ends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongwen.definitions.registries import numbering_series_lookup
from gongwen.definitions.versions import publish_documents
from gongwen.runtime.actions import Jump, Terminate
from gongwen.runtime.models import Outcome, Process, Task, TraceEntry
from tests.runtime.helpers import open_tasks, positions, start
from tests.runtime.specs import chain, node

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "definitions" / "valid"
CHILD = "runtime-child"


@pytest.fixture
def child_type() -> str:
    """Publish a small document type the subflow node starts."""
    form = json.loads((FIXTURES / "basic_form.json").read_text(encoding="utf-8"))
    flow = json.loads((FIXTURES / "basic_flow.json").read_text(encoding="utf-8"))
    flow["key"] = form["key"] = CHILD
    flow["form"] = form["key"]
    flow["document"]["numbering_series"] = None
    with numbering_series_lookup(None):
        publish_documents(CHILD, form, flow, by=None)
    return CHILD


def _spec(definition: str = CHILD):
    return chain(
        "parent",
        node("sub", "subflow", params={"flow": definition}),
        node("office", "approve", {"rule": "user", "username": "wujing"}),
    )


def _child(parent: Process) -> Process:
    return Process.objects.get(parent_task__process=parent)


def _finish(process: Process) -> None:
    """Approve every open person's task of ``process`` until it ends."""
    from gongwen.runtime.actions import Approve

    for _ in range(20):
        tasks = [t for t in open_tasks(process) if t.owner_id]
        if not tasks:
            return
        Approve(tasks[0], tasks[0].owner, opinion="同意").execute()


def test_the_parent_waits_for_the_child_and_goes_on_when_it_completes(people, child_type):
    parent = start(_spec(), people["huangmin"], title="转办件", data={"body": "x"})
    child = _child(parent)
    assert (child.definition_key, child.title, child.initiator) == (
        CHILD,
        "转办件",
        people["huangmin"],
    )
    assert positions(parent) == []
    step = Task.objects.get(process=parent, node_id="sub")
    assert step.status == "NEW"

    _finish(child)

    child.refresh_from_db()
    assert child.outcome == Outcome.COMPLETED
    step.refresh_from_db()
    assert (step.status, step.data["child_outcome"]) == ("DONE", "completed")
    assert positions(parent) == [("office", "wujing")]
    assert TraceEntry.objects.filter(process=parent, action="gongwen.subflow.end").exists()


def test_a_child_ended_early_puts_the_parents_step_in_error_for_an_admin(
    people, child_type, django_user_model
):
    parent = start(_spec(), people["huangmin"])
    child = _child(parent)
    Terminate(child, people["huangmin"], reason="不再需要").execute()

    step = Task.objects.get(process=parent, node_id="sub")
    assert step.status == "ERROR"
    assert "terminated" in step.data["error"]
    assert TraceEntry.objects.filter(process=parent, action="gongwen.subflow.failed").exists()
    admin = django_user_model.objects.create_superuser("root", password="x")
    Jump(parent, admin, target="office").execute()
    assert positions(parent) == [("office", "wujing")]


def test_terminating_the_parent_terminates_the_running_child(people, child_type):
    parent = start(_spec(), people["huangmin"])
    child = _child(parent)
    Terminate(parent, people["huangmin"], reason="撤销").execute()
    child.refresh_from_db()
    parent.refresh_from_db()
    assert (parent.outcome, child.outcome) == (Outcome.TERMINATED, Outcome.TERMINATED)
    assert open_tasks(child) == []


def test_an_unknown_document_type_puts_the_step_in_error(people):
    parent = start(_spec("no-such-type"), people["huangmin"])
    step = Task.objects.get(process=parent, node_id="sub")
    assert step.status == "ERROR"
    assert not Process.objects.filter(parent_task=step).exists()

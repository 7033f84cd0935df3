"""Subflow node: start a process of another document type and wait until it ends.

Reaching the node creates its task (status ``NEW``) and starts the child: the latest active
published version of ``params["flow"]``, for the parent's initiator, with a copy of the
parent's form data, title and urgency; the child's ``parent_task`` is this task.

When the child ends (:func:`child_ended`, called by the end node and by ``end_process``):
completed or approved → the step completes (``data["child_outcome"]``) and the parent moves
on; rejected or terminated → the step goes to status ``ERROR`` so an administrator decides
(jump elsewhere, or terminate). Ending the parent (reject, terminate) terminates its running
children first (:func:`end_children`). No published version of the named type → ``ERROR`` too.
Lock order: a child's end locks the child, then the parent.
"""

from __future__ import annotations

from typing import Any

from viewflow.workflow.activation import Activation
from viewflow.workflow.base import Node
from viewflow.workflow.nodes import mixins
from viewflow.workflow.status import STATUS

from gongwen.definitions.catalog import SUBFLOW_PARAM
from gongwen.definitions.specs import NodeSpec
from gongwen.runtime.engine.models import Outcome, Process, Task

#: Child outcomes after which the parent simply goes on.
SUCCESSFUL = frozenset({Outcome.COMPLETED, Outcome.APPROVED})


def _child_done(activation: Activation) -> bool:
    return bool(activation.task.data.get("child_outcome"))


class SubflowActivation(mixins.NextNodeActivationMixin, Activation):
    """Start the child when reached; complete when it ends well."""

    @Activation.status.super()
    def activate(self) -> None:
        """Start the child process (or go to ``ERROR`` if its type has no published version)."""
        from gongwen.runtime.engine.operations import start_process
        from gongwen.runtime.events import record

        key = str(self.flow_task.spec.params.get(SUBFLOW_PARAM, ""))
        spec = child_spec(key)
        if spec is None:
            self.fail(f"No published definition {key!r}.")
            return
        parent = self.process
        self.task.data = {**self.task.data, "starting": True}  # child_ended: not yet
        self.task.save(update_fields=["data"])
        child = start_process(
            spec,
            initiator=parent.initiator,
            data=dict(parent.data),
            title=parent.title,
            urgency=parent.urgency,
            parent_task=self.task,
        )
        record(
            "gongwen.subflow.start",
            process=parent,
            task=self.task,
            payload={"child": child.pk, "definition": key},
        )
        self.task.data = {**self.task.data, "starting": False}
        if child.finished is not None and child.outcome in SUCCESSFUL:
            self.task.data["child_outcome"] = child.outcome
        self.task.save(update_fields=["data"])
        if child.finished is not None and child.outcome not in SUCCESSFUL:
            self.fail(f"The subprocess ended: {child.outcome}.")

    @Activation.status.transition(source=STATUS.NEW, target=STATUS.DONE, conditions=[_child_done])
    def complete(self) -> None:
        """Complete the step (only once the child has ended well)."""
        super().complete.original()

    @Activation.status.transition(source=STATUS.NEW, target=STATUS.ERROR)
    def fail(self, error: str) -> None:
        """Put the step in the error state."""
        self.task.data = {**self.task.data, "error": error}
        self.task.save(update_fields=["status", "data"])


class SubflowNode(mixins.NextNodeMixin, Node):
    """A ``subflow`` node of a generated flow."""

    activation_class = SubflowActivation
    task_type = "SUBFLOW"
    bpmn_element = "callActivity"
    shape = {"width": 150, "height": 100, "svg": '<rect class="task" width="150" height="100"/>'}

    def __init__(self, spec: NodeSpec, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.spec = spec


def child_spec(key: str) -> Any:
    """Return the flow spec of the latest active published version of ``key``, or ``None``."""
    from gongwen.definitions.versions import latest, load_spec

    found = latest(key) if key else None
    return load_spec(key, found.version) if found is not None else None


def child_ended(child: Process) -> None:
    """Tell the parent's waiting subflow step that ``child`` ended (no-op for top-level ones)."""
    if child.parent_task_id is None:
        return
    from gongwen.runtime.engine.operations import lock_process
    from gongwen.runtime.events import record

    lock_process(Task.objects.values_list("process_id", flat=True).get(pk=child.parent_task_id))
    task = Task.objects.select_related("process").get(pk=child.parent_task_id)
    if task.status != STATUS.NEW or task.process.finished or task.data.get("starting"):
        return
    activation = SubflowActivation(task)
    facts = {"child": child.pk, "outcome": child.outcome}
    if child.outcome in SUCCESSFUL:
        task.data = {**task.data, "child_outcome": child.outcome}
        task.save(update_fields=["data"])
        activation.complete()
        activation.activate_next()
        record("gongwen.subflow.end", process=task.process, task=task, payload=facts)
        return
    activation.fail(f"The subprocess ended: {child.outcome}.")
    record("gongwen.subflow.failed", process=task.process, task=task, payload=facts)


def end_children(process: Process) -> None:
    """Terminate the running children of ``process``'s waiting subflow steps (parent ending)."""
    from gongwen.runtime.engine.operations import cancel_tasks, end_process
    from gongwen.runtime.events import record

    waiting = Task.objects.filter(process=process, status__in=[STATUS.NEW, STATUS.ERROR])
    steps = [t.pk for t in waiting if isinstance(t.flow_task, SubflowNode)]
    if not steps:
        return
    cancel_tasks(Task.objects.filter(pk__in=steps), Outcome.SUPERSEDED)
    for child in Process.objects.select_for_update().filter(
        parent_task_id__in=steps, finished__isnull=True
    ):
        end_process(child, Outcome.TERMINATED)
        record("gongwen.process.terminate", process=child, payload={"parent": process.pk})

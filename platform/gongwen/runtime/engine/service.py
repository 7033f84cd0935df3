"""Service node: a step the background worker runs by calling a registered hook.

Reaching the node creates its task (status ``NEW``) and, after commit, enqueues the first
attempt (:mod:`gongwen.runtime.services.running`). The task completes and the flow moves on
only when an attempt succeeds (:meth:`ServiceActivation.succeed`); after the last failed
attempt it goes to status ``ERROR`` (:meth:`ServiceActivation.fail`), which an administrator
sees and can :class:`~gongwen.runtime.actions.RetryService` (:meth:`ServiceActivation.revive`).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from viewflow.workflow.activation import Activation
from viewflow.workflow.base import Node
from viewflow.workflow.nodes import mixins
from viewflow.workflow.status import STATUS

from gongwen.definitions.specs import NodeSpec

#: Task status of a service step that failed its last attempt (an administrator can retry).
FAILED = STATUS.ERROR


def _succeeded(activation: Activation) -> bool:
    return bool(activation.task.data.get("succeeded"))


class ServiceActivation(mixins.NextNodeActivationMixin, Activation):
    """Wait for the worker; complete on success, go to ``ERROR`` after the last failure."""

    @Activation.status.super()
    def activate(self) -> None:
        """Enqueue the first attempt once the transaction commits."""
        schedule_attempt(self.task.pk, delay_seconds=0)

    @Activation.status.transition(source=STATUS.NEW, target=STATUS.DONE, conditions=[_succeeded])
    def complete(self) -> None:
        """Complete the step (only after a successful attempt)."""
        super().complete.original()

    def succeed(self, result: dict | None) -> None:
        """Keep the hook's result, complete the task and move the flow on."""
        self.task.data = {**self.task.data, "succeeded": True, "result": result or {}}
        self.task.save(update_fields=["data"])
        self.complete()
        self.activate_next()

    @Activation.status.transition(source=STATUS.NEW, target=STATUS.ERROR)
    def fail(self, error: str) -> None:
        """Put the step in the error state with the last error message."""
        self.task.data = {**self.task.data, "error": error}
        self.task.save(update_fields=["status", "data"])

    @Activation.status.transition(source=STATUS.ERROR, target=STATUS.NEW)
    def revive(self) -> None:
        """Take the step out of the error state for a fresh series of attempts."""
        self.task.data = {**self.task.data, "attempts": 0, "error": ""}
        self.task.save(update_fields=["status", "data"])
        schedule_attempt(self.task.pk, delay_seconds=0)


class ServiceNode(mixins.NextNodeMixin, Node):
    """A ``service`` node of a generated flow."""

    activation_class = ServiceActivation
    task_type = "SERVICE"
    bpmn_element = "serviceTask"
    shape = {"width": 150, "height": 100, "svg": '<rect class="task" width="150" height="100"/>'}

    def __init__(self, spec: NodeSpec, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.spec = spec


def schedule_attempt(task_id: int, *, delay_seconds: float) -> None:
    """Enqueue an attempt of service task ``task_id`` after commit, ``delay_seconds`` later."""
    from gongwen.runtime.services.running import enqueue_attempt

    # robust: a queue that is down must not fail the action that already committed; the step
    # stays NEW (visible) and an administrator can jump past it.
    transaction.on_commit(lambda: enqueue_attempt(task_id, delay_seconds), robust=True)

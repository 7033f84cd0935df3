"""Start, end and gateway nodes of generated flows, on viewflow's own node classes."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver
from viewflow.workflow.activation import Activation
from viewflow.workflow.nodes import End, EndActivation, StartHandle, Switch
from viewflow.workflow.signals import flow_started

from gongwen.runtime.engine.models import Outcome


def _setup_process(activation: Activation, **fields: Any) -> Any:
    """Fill the new process and its start task from the keyword arguments of ``run``."""
    process, task = activation.process, activation.task
    for name, value in fields.items():
        setattr(process, name, value)
    task.owner = fields.get("initiator")
    task.completed_by = fields.get("initiator")
    task.outcome = Outcome.COMPLETED
    return process


class ProgrammaticStart(StartHandle):
    """The start node: processes are started from code (the ``start`` action)."""

    def __init__(self, spec: Any, **kwargs: Any) -> None:
        super().__init__(func=_setup_process, **kwargs)
        self.spec = spec


@receiver(flow_started, dispatch_uid="gongwen.runtime.record_start")
def _record_start(sender: Any, process: Any, task: Any, **kwargs: Any) -> None:
    """Trace the start as the first row of the process (viewflow sends this before moving on)."""
    if isinstance(task.flow_task, ProgrammaticStart):
        from gongwen.runtime.events import record

        record("gongwen.process.start", process=process, task=task, actor=process.initiator)


class FinishActivation(EndActivation):
    """End activation that also records the process outcome when the process finishes."""

    @EndActivation.status.super()
    def activate(self) -> None:
        """Finish the process if nothing else is open, marking it completed."""
        super().activate.original()
        if self.process.finished and not self.process.outcome:
            self.process.outcome = Outcome.COMPLETED
            self.process.save(update_fields=["outcome"])
            from gongwen.runtime.events import record

            record("gongwen.process.complete", process=self.process, task=self.task)
            from gongwen.runtime.engine.subflow import child_ended

            child_ended(self.process)


class Finish(End):
    """The end node."""

    activation_class = FinishActivation

    def __init__(self, spec: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.spec = spec


def condition_data(process: Any) -> dict[str, Any]:
    """Return the data JSON Logic conditions see: ``form`` values and ``process`` facts."""
    return {
        "form": process.data,
        "process": {"urgency": process.urgency, "title": process.title},
    }


def json_logic_case(rule: Any) -> Any:
    """Return a viewflow case predicate that evaluates ``rule`` in the expression sandbox."""

    def case(activation: Activation) -> bool:
        from gongwen.expressions import evaluate

        # ``!!`` applies JSON Logic truthiness (``[]`` is false, ``"0"`` true), as the browser does.
        return evaluate({"!!": [rule]}, condition_data(activation.process)) is True

    return case


class Exclusive(Switch):
    """The exclusive gateway: ordered JSON Logic conditions, then the default edge."""

    def __init__(self, spec: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.spec = spec

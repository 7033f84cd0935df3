"""Start, end and gateway nodes of generated flows, on viewflow's own node classes."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from viewflow.workflow.activation import Activation
from viewflow.workflow.nodes import End, EndActivation, StartHandle, Switch
from viewflow.workflow.nodes.start import StartHandleActivation

from gongwen.runtime.engine.models import Outcome


def _setup_process(activation: Activation, *, on_started: Any = None, **fields: Any) -> Any:
    """Fill the new process and its start task from the keyword arguments of ``run``."""
    activation.on_started = on_started
    process, task = activation.process, activation.task
    for name, value in fields.items():
        setattr(process, name, value)
    task.owner = fields.get("initiator")
    task.completed_by = fields.get("initiator")
    task.outcome = Outcome.COMPLETED
    return process


class StartedActivation(StartHandleActivation):
    """The start's activation: save, trace the start, run ``on_started``, then move on.

    viewflow's own ``execute`` sends ``flow_started`` at this point; ours calls what it must
    directly, so the start's first trace row and the caller's ``on_started`` (the 公文 created
    with its process) come before anything after the start runs — no signal receivers.
    """

    on_started: Any = None

    @StartHandleActivation.status.super()
    def execute(self) -> None:
        """Create the process, complete the start, trace it, call ``on_started``, go on."""
        from gongwen.runtime.events import record

        with transaction.atomic():
            self.process.save()
            with self.flow_class.lock(self.process.pk):
                self.complete()
                record(
                    "gongwen.process.start",
                    process=self.process,
                    task=self.task,
                    actor=self.process.initiator,
                )
                if self.on_started is not None:
                    self.on_started(self.process)
                self.activate_next()


class ProgrammaticStart(StartHandle):
    """The start node: processes are started from code (the ``start`` action)."""

    activation_class = StartedActivation

    def __init__(self, spec: Any, **kwargs: Any) -> None:
        super().__init__(func=_setup_process, **kwargs)
        self.spec = spec


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
    """Return the data JSON Logic conditions see: ``form`` values and the ``document``'s 要素."""
    from gongwen.runtime.condition_context import condition_context

    return condition_context(process)


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

"""Automatic nodes: cc (抄送/传阅) and the 公文 steps filled in through the node-type registry."""

from __future__ import annotations

from typing import Any

from viewflow.workflow.activation import Activation
from viewflow.workflow.nodes import Function

from gongwen.definitions.specs import NodeSpec, NodeType


class AutoStep(Function):
    """A step the engine runs by itself as the flow reaches it, then moves on.

    ``cc`` hands out read-only 待阅 items to the people its assignee rule names. The 公文 steps
    (register, number, seal, dispatch, archive) call the handler the documents layer registered
    for the type in :mod:`gongwen.runtime.steps`; with none registered the step passes through,
    and the trace records ``pass_through`` so nobody mistakes it for done work.
    """

    task_type = "AUTO"

    def __init__(self, spec: NodeSpec, **kwargs: Any) -> None:
        super().__init__(self._run, **kwargs)
        self.spec = spec

    def _run(self, activation: Activation) -> None:
        from gongwen.runtime.steps import run_step

        run_step(self.spec, activation.process, activation.task)


def is_automatic(spec: NodeSpec) -> bool:
    """Return whether ``spec`` becomes an :class:`AutoStep` (not a person's task)."""
    from gongwen.runtime.steps import DOCUMENT_STEPS, step_handlers

    if step_handlers.performed_by_person(str(spec.type)):
        return False
    return spec.type == NodeType.CC or spec.type in DOCUMENT_STEPS

"""viewflow's own refusals, translated: no viewflow exception leaves an action.

The engine seam is the only place that knows viewflow, so it tells the kernel
(:func:`gongwen.kernel.transactions.register_translator`) what each of viewflow's exceptions
that can reach an action stands for. All are conflicts (HTTP 409): the process is not in a
state that allows the move — a state machine's transition from the wrong state, two tokens
meeting at one join, a lock another transaction holds.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from viewflow.fsm import TransitionNotAllowed
from viewflow.workflow.exceptions import FlowLockFailed, FlowRuntimeError

from gongwen.kernel.transactions import register_translator
from gongwen.runtime.exceptions import EngineConflict

STUCK = _(
    "The workflow engine cannot move this process on from where it stands; "
    "an administrator can move it to another step."
)
BUSY = _("Someone else is changing this process; try again in a moment.")


def register() -> None:
    """Register the translators (idempotent: the kernel keeps one per exception class)."""
    register_translator(TransitionNotAllowed, lambda error: EngineConflict())
    register_translator(FlowRuntimeError, lambda error: EngineConflict(STUCK))
    register_translator(FlowLockFailed, lambda error: EngineConflict(BUSY))

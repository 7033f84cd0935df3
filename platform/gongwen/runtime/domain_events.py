"""What the runtime tells the layers above, inside the action's transaction.

Published with :func:`gongwen.kernel.events.publish` by the actions that cause them; the
documents layer subscribes (``DocumentsConfig.ready``) so a 公文 follows its flow: signed when
its 签发 step is approved, taken back when the flow goes back past 签发, 编号 or 用印.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TaskOpened:
    """A task row was created (a person's, a pool's, or a step the engine runs)."""

    task: Any


@dataclass(frozen=True)
class StepApproved:
    """A person approved (or completed) their task at ``task.node_id``."""

    process: Any
    task: Any
    actor: Any
    on_behalf_of: Any = None


@dataclass(frozen=True)
class FlowRepositioned:
    """The flow's open steps were set by a move other than moving on: base of the kinds below.

    ``opened_node_ids`` are the nodes whose steps the move opened; ``action`` is its dotted
    audit code.
    """

    process: Any
    opened_node_ids: tuple[str, ...]
    actor: Any
    action: str


@dataclass(frozen=True)
class WorkReturned(FlowRepositioned):
    """退回 to an earlier step, by a person or by a deadline's ``auto_return``."""


@dataclass(frozen=True)
class WorkWithdrawn(FlowRepositioned):
    """撤回: the sender took their step back before the next person acted."""


@dataclass(frozen=True)
class FlowJumped(FlowRepositioned):
    """跳转: an administrator moved the flow to another step."""

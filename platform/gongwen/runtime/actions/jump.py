"""Admin jump (跳转): an administrator moves a running process to any person's step.

Every open task is cancelled (outcome ``superseded``) and the target node's tasks are created
afresh: for ``to`` if given, else by the node's assignee rule. A process in the error state (a
failed service step, its task in status ``ERROR``) can be jumped too: the failed task is
cancelled with the rest.

Parallel regions (``engine/regions.py``): a target between a split and its join opens in its
own branch. If that region is running, only the target's branch moves (its open tasks are
cancelled, the other branches keep theirs); otherwise the split runs afresh — the other
branches start from their first step — so the join waits for every branch, never for nothing.
Nested regions follow the same rule from the inside out. A jump out of a region cancels every
branch and the waiting join.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _

from gongwen.kernel.actions import register
from gongwen.kernel.events import publish
from gongwen.runtime.actions.base import (
    ActionResult,
    check_reason,
    is_person,
    people_param,
    stripped,
)
from gongwen.runtime.actions.process_action import ProcessAction
from gongwen.runtime.domain_events import FlowJumped
from gongwen.runtime.engine.operations import cancel_tasks, noting_new_tasks, reopen_node
from gongwen.runtime.engine.regions import Region, open_in_region, regions_around
from gongwen.runtime.events import record
from gongwen.runtime.exceptions import Conflict, InvalidInput, InvalidTarget, NotPermitted
from gongwen.runtime.models import OPEN_STATUSES, Outcome, Process, Task
from gongwen.runtime.secrecy import require_cleared

MAX_REASON_LENGTH = 500
ROOT_BRANCH = "start"


@register
class Jump(ProcessAction):
    """Move ``process`` to node ``target`` (optionally for the people ``to``); admins only."""

    code = "jump"
    audit_action = "gongwen.admin.jump"

    def __init__(
        self,
        process: Process | int,
        actor: Any,
        *,
        target: str,
        to: list | None = None,
        reason: str = "",
    ) -> None:
        super().__init__(process, actor)
        self.target = target
        self.to = to
        self.reason = stripped(reason)
        self.regions: list[Region] = []

    def apply(self, process: Process) -> ActionResult:
        """Cancel what is open, record the jump, then open the target.

        The jump's trace row comes before whatever the opening records (a skipped node, 去重),
        so the timeline reads in the order things happened.
        """

        def record_jump(cancelled: list[int]) -> None:
            record(
                self.audit_action,
                process=process,
                node_id=self.target,
                actor=self.actor,
                opinion=self.reason,
                payload={"target": self.target, "cancelled": cancelled},
            )

        with noting_new_tasks() as new_tasks:
            self._move(process, record_jump)
            opened = new_tasks.still_open()  # every branch a region rerun opened, pools too
        publish(FlowJumped(process, (self.target,), self.actor, self.audit_action))
        return ActionResult(process.pk, [t.pk for t in opened], "jumped")

    def _move(self, process: Process, cancelled: Callable[[list[int]], None]) -> None:
        """Cancel what the jump takes away (tell ``cancelled`` which), then open the target."""
        anchor = Task.objects.filter(process=process).order_by("-pk").first()
        assign_to = [[p.pk, None] for p in self.to] or None
        if self.regions:
            open_in_region(
                anchor,
                self.regions,
                self.target,
                root=ROOT_BRANCH,
                assign_to=assign_to,
                cancelled=cancelled,
            )
            return
        waiting = Task.objects.filter(process=process, status__in=[*OPEN_STATUSES, "ERROR"])
        taken = list(waiting.values_list("pk", flat=True))
        cancel_tasks(waiting, Outcome.SUPERSEDED)
        cancelled(taken)
        reopen_node(anchor, self.target, token=ROOT_BRANCH, assign_to=assign_to)

    def validate(self, process: Process) -> None:
        """Check the actor is an administrator, the process runs, the target is a person's step."""
        if not is_person(self.actor) or not self.actor.is_superuser:
            raise NotPermitted()
        require_cleared(self.actor, process)  # an administrator too: not above their clearance
        if process.finished is not None:
            raise Conflict()
        check_reason(self.reason, MAX_REASON_LENGTH)
        self.to = people_param(self.to, "/to")
        nodes = process.flow_class.spec.nodes
        node = nodes.get(self.target) if isinstance(self.target, str) else None
        if node is None or node.type not in ("approve", "handle"):
            raise InvalidTarget(target=self.target, pointer="/target")
        if not all(is_person(p) for p in self.to):
            raise InvalidInput(_("Someone chosen cannot be given this step."), pointer="/to")
        self.regions = regions_around(process.flow_class.spec, self.target)

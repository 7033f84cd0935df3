"""加签: bring more people into the decision on one's task.

``parallel`` (并加签): they approve alongside the adder, who still approves too. ``after``
(后加签): the adder approves now and the node waits for them. Either way the node moves on
only when every added person and the adder have approved (a rejection still ends the process).
Into a running 会签 the added people simply join the batch. ``before`` (前加签): the added people
act first, then the adder's task comes back to them (``engine/signers.py``). 加签 on a 依次
node is refused.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongwen.definitions.specs import ApprovalMode
from gongwen.runtime.actions.base import ActionResult, TaskAction
from gongwen.runtime.assignment import with_delegation
from gongwen.runtime.engine.operations import add_to_batch, complete_task, node_spec
from gongwen.runtime.engine.signers import add_before
from gongwen.runtime.events import record
from gongwen.runtime.exceptions import InvalidInput
from gongwen.runtime.models import OPEN_STATUSES, Outcome, Task

POSITIONS = ("parallel", "after", "before")
MAX_ADDED = 20


class AddSigner(TaskAction):
    """Add ``people`` as signers of the task's node, ``position`` parallel or after."""

    code = "add_signer"
    audit_action = "gongwen.task.add_signer"
    takes_opinion = False

    def __init__(
        self, task: Any, actor: Any, *, people: list, position: str = "parallel", opinion: str = ""
    ) -> None:
        super().__init__(task, actor, opinion=opinion)
        self.people = list(people or [])
        self.position = position

    def validate(self, task: Task) -> None:
        """Check as every task action does, and that the people can be added here."""
        super().validate(task)
        if self.position not in POSITIONS:
            raise InvalidInput(_("Signers can be added before you, in parallel or after you."))
        if node_spec(task).mode == ApprovalMode.SEQUENTIAL:
            raise InvalidInput(_("Signers cannot be added to a one-after-another step."))
        if not self.people or len(self.people) > MAX_ADDED:
            raise InvalidInput(_("Choose the people to add."))
        holding = set(
            task.flow_task.batch_tasks(task)
            .filter(status__in=OPEN_STATUSES)
            .values_list("owner_id", flat=True)
        )
        for person in self.people:
            if person is None or not person.is_active or person.pk in holding | {self.actor.pk}:
                raise InvalidInput(_("Someone chosen cannot be added to this step."))

    def apply(self, task: Task) -> ActionResult:
        """Add the signers' tasks to the batch; for ``after``, approve the adder's task."""
        self.keep_opinion(task)
        record(
            self.audit_action,
            process=task.process,
            task=task,
            actor=self.actor,
            on_behalf_of=self.on_behalf_of,
            opinion=self.opinion,
            payload={"added": [p.pk for p in self.people], "position": self.position},
        )
        scope = task.process.definition_key
        assignments = [with_delegation(p, scope) for p in self.people]
        if self.position == "before":
            added = add_before(task, assignments)
            return ActionResult(task.process_id, [t.pk for t in added], self.position)
        added = add_to_batch(task, assignments)
        if self.position == "after":
            record(
                "gongwen.task.approve",
                process=task.process,
                task=task,
                actor=self.actor,
                on_behalf_of=self.on_behalf_of,
            )
            complete_task(task, self.actor, Outcome.APPROVED)
        return ActionResult(task.process_id, [t.pk for t in added], self.position)

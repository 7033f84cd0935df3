"""加签: bring more people into the decision on one's task.

``parallel`` (并加签): they approve alongside the adder, who still approves too. ``after``
(后加签): the adder approves now and the node waits for them. Either way the node moves on
only when every added person and the adder have approved (a rejection still ends the process).
Into a running 会签 the added people simply join the batch. ``before`` (前加签): the added people
act first, then the adder's task comes back to them (``engine/signers.py``). On a 依次 node
the same three rewrite the queue of people to come (``engine/sequence.py``): before — the added
act in order, then the adder, then the rest; after — the adder approves, the added come next;
parallel — they sign alongside the adder and the sequence goes on once all of them approved.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongwen.definitions.specs import ApprovalMode
from gongwen.kernel.actions import register
from gongwen.runtime.actions.base import ActionResult, TaskAction, guard_receiver, people_param
from gongwen.runtime.actions.handover import step_holders
from gongwen.runtime.assignment import Assignment
from gongwen.runtime.engine import sequence
from gongwen.runtime.engine.operations import add_to_batch, complete_task, node_spec
from gongwen.runtime.engine.sequence import in_group
from gongwen.runtime.engine.signers import add_before
from gongwen.runtime.events import record
from gongwen.runtime.exceptions import InvalidInput
from gongwen.runtime.models import OPEN_STATUSES, Outcome, Task

POSITIONS = ("parallel", "after", "before")
MAX_ADDED = 20


@register
class AddSigner(TaskAction):
    """Add ``people`` as signers of the task's node, ``position`` before, parallel or after."""

    code = "add_signer"
    audit_action = "gongwen.task.add_signer"
    takes_opinion = False

    def __init__(
        self, task: Any, actor: Any, *, people: list, position: str = "parallel", opinion: str = ""
    ) -> None:
        super().__init__(task, actor, opinion=opinion)
        self.people = people
        self.position = position
        self.assignments: list[Assignment] = []  # who receives each added step, once validated

    def validate(self, task: Task) -> None:
        """Check as every task action does, and that the people can be added here."""
        super().validate(task)
        self.people = people_param(self.people, "/people")
        if not isinstance(self.position, str) or self.position not in POSITIONS:
            raise InvalidInput(
                _("Signers can be added before you, in parallel or after you."),
                pointer="/position",
            )
        sequential = node_spec(task).mode == ApprovalMode.SEQUENTIAL
        if sequential and in_group(task) and self.position != "parallel":
            raise InvalidInput(
                _("Signing alongside others, you can only add more people alongside.")
            )
        if not self.people or len(self.people) > MAX_ADDED:
            raise InvalidInput(_("Choose the people to add."), pointer="/people")
        holders = step_holders(task)
        taken = {self.actor.pk, task.owner_id, task.on_behalf_of_id} - {None}
        self.assignments = []
        for index, person in enumerate(self.people):
            pointer = f"/people/{index}"
            if not person.is_active:
                raise InvalidInput(
                    _("Someone chosen cannot be added to this step."), pointer=pointer
                )
            # The guard of 转办 and 改派; their task would go to their delegate (委托), who must
            # not have a part in the step either, nor get two of the added tasks.
            assignment = guard_receiver(task, person, pointer=pointer, taken=taken, holders=holders)
            taken |= {person.pk, assignment.user.pk}
            self.assignments.append(assignment)

    def apply(self, task: Task) -> ActionResult:
        """Add the signers' tasks to the batch; for ``after``, approve the adder's task."""
        record(
            self.audit_action,
            process=task.process,
            task=task,
            actor=self.actor,
            on_behalf_of=self.on_behalf_of,
            opinion=self.opinion,
            payload={"added": [p.pk for p in self.people], "position": self.position},
        )
        assignments = self.assignments
        if node_spec(task).mode == ApprovalMode.SEQUENTIAL:
            return self._add_in_sequence(task, assignments)
        if self.position == "before":
            added = add_before(task, assignments)
            return ActionResult(task.process_id, [t.pk for t in added], self.position)
        added = add_to_batch(task, assignments)
        if self.position == "after":
            self._approve_now(task)
        return ActionResult(task.process_id, [t.pk for t in added], self.position)

    def _add_in_sequence(self, task: Task, assignments: list) -> ActionResult:
        """加签 on a 依次 node: rewrite the queue (before/after) or sign as a group (parallel)."""
        if self.position == "before":
            added = sequence.add_before(task, assignments)
        elif self.position == "parallel":
            added = sequence.add_alongside(task, assignments)
        else:
            sequence.add_after(task, assignments)
            self._approve_now(task)
            added = list(task.flow_task.batch_tasks(task).filter(status__in=OPEN_STATUSES))
        return ActionResult(task.process_id, [t.pk for t in added], self.position)

    def _approve_now(self, task: Task) -> None:
        """Approve the adder's own task (后加签: the adder signs now, the added after)."""
        record(
            "gongwen.task.approve",
            process=task.process,
            task=task,
            actor=self.actor,
            on_behalf_of=self.on_behalf_of,
        )
        complete_task(task, self.actor, Outcome.APPROVED)

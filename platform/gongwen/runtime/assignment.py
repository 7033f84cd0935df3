"""Plan who gets a human node's tasks: rule → people → delegation → empty-result policy.

Called by the engine as a node is reached. Returns either the assignments or the reason the
node is skipped (特急 skip, nobody found with ``on_empty: skip``, 去重 is handled by the action
layer because it needs the approval itself).

密级: only people whose clearance reaches the process's 密级 get its tasks. Those the rule
found below it are passed over, and the trace says so (``gongwen.node.not_cleared``, with their
ids); if nobody is left, the node's ``on_empty`` policy applies as if the rule found nobody —
``skip`` records the skip with the reason ``not_cleared``, ``to_admin`` takes a cleared
administrator only, ``error`` refuses with :class:`NoClearedAssignee`. A delegate (委托) below
the 密级 does not receive the principal's task: the principal keeps it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from gongwen.definitions.specs import EmptyAssigneePolicy, NodeSpec
from gongwen.org.queries import DELEGATE_ID, delegate_for, delegates_for
from gongwen.runtime.assignees import AssigneeContext, resolve
from gongwen.runtime.exceptions import NoAssignee
from gongwen.runtime.secrecy import is_cleared

URGENT = "特急"
#: Skip reason and trace code when the rule found people, none cleared for the 密级.
NOT_CLEARED = "not_cleared"
PASSED_OVER = "gongwen.node.not_cleared"


class NoClearedAssignee(NoAssignee):
    """The rule found people, but nobody with sufficient clearance, and ``on_empty`` is error."""

    code = "assignee.not_cleared"
    message = _("No one with sufficient clearance can be found to handle step %(node)s.")


@dataclass(frozen=True)
class Assignment:
    """A task goes to ``user``; ``on_behalf_of`` is set when ``user`` is someone's delegate."""

    user: Any
    on_behalf_of: Any = None

    @property
    def on_behalf_of_id(self) -> int | None:
        """Return the delegator's id, if any."""
        return self.on_behalf_of.pk if self.on_behalf_of is not None else None


@dataclass(frozen=True)
class Plan:
    """The people a node's tasks go to, or why it is skipped."""

    assignees: list[Assignment] = field(default_factory=list)
    skip_reason: str = ""


def plan_assignments(
    node: NodeSpec, process: Any, previous_task: Any, explicit: list | None = None
) -> Plan:
    """Return the plan for ``node`` reached in ``process`` from ``previous_task``.

    Args:
        node: the human node being reached.
        process: its process.
        previous_task: the task the flow came from.
        explicit: ``[[user_id, on_behalf_of_id], …]`` to reassign exactly (return, withdraw).

    Raises:
        NoAssignee: nobody was found and the node's ``on_empty`` policy is ``error``.
    """
    if explicit:
        planned = _explicit(explicit)
        cleared = [a for a in planned if is_cleared(a.user, process)]
        _note_passed_over(node, process, [a.user for a in planned if a not in cleared])
        return Plan(assignees=cleared) if cleared else _on_empty(node, process, NOT_CLEARED)
    if node.skippable_when_urgent and process.urgency == URGENT:
        return Plan(skip_reason="urgent")
    context = AssigneeContext(process, node, previous_task)
    found = resolve(node.assignee, context) if node.assignee is not None else []
    people = [person for person in found if is_cleared(person, process)]
    _note_passed_over(node, process, [person for person in found if person not in people])
    if not people:
        return _on_empty(node, process, NOT_CLEARED if found else "no_assignee")
    delegates = _delegates(people, process.definition_key)
    assignments: dict[int, Assignment] = {}
    for person in people:  # one task per person, even if a delegation lands two on them
        delegate = delegates.get(person.pk)
        if delegate is not None and not is_cleared(delegate, process):
            delegate = None  # a delegate below the 密级 does not stand in: the principal keeps it
        assignment = Assignment(delegate, on_behalf_of=person) if delegate else Assignment(person)
        assignments.setdefault(assignment.user.pk, assignment)
    return Plan(assignees=list(assignments.values()))


def _note_passed_over(node: NodeSpec, process: Any, people: list[Any]) -> None:
    """Write the trace row saying who the rule found but the 密级 passed over (if anyone)."""
    if not people:
        return
    from gongwen.runtime.events import record

    payload = {
        "reason": NOT_CLEARED,
        "secrecy": process.secrecy,
        "passed_over": [p.pk for p in people],
    }
    record(PASSED_OVER, process=process, node_id=node.id, payload=payload)


def _delegates(people: list[Any], scope: str) -> dict[int, Any]:
    """Return ``{person id: delegate}`` for those of ``people`` who delegated.

    People resolved through :meth:`AssigneeContext.people` carry the answer already; the others
    (from plugin rules, say) are looked up together in one query.
    """
    annotated = [p for p in people if hasattr(p, DELEGATE_ID)]
    found = delegates_for([p for p in people if not hasattr(p, DELEGATE_ID)], scope=scope)
    wanted = {getattr(p, DELEGATE_ID) for p in annotated} - {None}
    if wanted:
        users = get_user_model().objects.in_bulk(wanted)
        for person in annotated:
            delegate = users.get(getattr(person, DELEGATE_ID))
            if delegate is not None:
                found[person.pk] = delegate
    return found


def with_delegation(person: Any, scope: str) -> Assignment:
    """Return the assignment for ``person``, redirected to their delegate if one is in effect."""
    delegate = delegate_for(person, scope=scope)
    if delegate is None:
        return Assignment(person)
    return Assignment(delegate, on_behalf_of=person)


def _on_empty(node: NodeSpec, process: Any, reason: str = "no_assignee") -> Plan:
    if node.on_empty == EmptyAssigneePolicy.SKIP:
        return Plan(skip_reason=reason)
    if node.on_empty == EmptyAssigneePolicy.TO_ADMIN:
        admins = get_user_model().objects.filter(
            is_superuser=True, is_active=True, clearance__gte=process.secrecy
        )
        admin = admins.order_by("id").first()
        if admin is not None:
            return Plan(assignees=[Assignment(admin)])
    if reason == NOT_CLEARED:
        raise NoClearedAssignee(node=node.id)
    raise NoAssignee(node=node.id)


def _explicit(pairs: list) -> list[Assignment]:
    users = get_user_model().objects.in_bulk({pk for pair in pairs for pk in pair if pk})
    return [Assignment(users[user_id], users.get(principal_id)) for user_id, principal_id in pairs]

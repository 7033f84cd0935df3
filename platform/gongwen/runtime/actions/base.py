"""The shape every action shares: load, lock, check, apply, record, announce after commit.

Runtime actions are :class:`gongwen.kernel.actions.Action` objects, registered by their
``audit_action`` code; they run in :func:`gongwen.kernel.transactions.atomically` (one
transaction, a deadlock victim runs again, no library exception leaves). Their inputs are
checked here before anything is loaded: a wrong type is :class:`InvalidInput` with the
parameter's pointer, never a ``TypeError`` or a database error halfway through.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from gongwen.kernel.actions import Action
from gongwen.kernel.text import check_text
from gongwen.kernel.transactions import ATTEMPTS as ATTEMPTS  # re-exported: tests, callers
from gongwen.kernel.transactions import atomically as atomically
from gongwen.kernel.transactions import translating
from gongwen.org.models import User
from gongwen.org.queries import delegate_for
from gongwen.runtime.actions.form_data import Edits, clean_task_edits
from gongwen.runtime.actions.handover import receiving, step_holders
from gongwen.runtime.announcements import enqueue as enqueue_announcement
from gongwen.runtime.assignment import Assignment
from gongwen.runtime.engine.models import OPEN_STATUSES
from gongwen.runtime.engine.operations import is_human, load_task_locked, node_spec
from gongwen.runtime.exceptions import Conflict, InvalidInput, NotFound, NotPermitted
from gongwen.runtime.models import Task
from gongwen.runtime.opinions import check_opinion
from gongwen.runtime.pool import is_pool_task
from gongwen.runtime.secrecy import NotCleared, is_cleared, require_cleared
from gongwen.runtime.signals import process_changed

#: Actions a node allows when its definition lists none.
DEFAULT_NODE_ACTIONS = frozenset(
    {"approve", "reject", "return_to", "withdraw", "transfer", "add_signer", "delegate"}
)


#: Ids at or above this are unknown without asking the database (a bigint column's bound).
MAX_ID = 2**63

T = TypeVar("T")


@dataclass
class ActionResult:
    """What an action did: the process, and the tasks it opened for people."""

    process_id: int
    opened_task_ids: list[int] = field(default_factory=list)
    decision: str = ""


def announce(sender: type, result: ActionResult, action: str) -> None:
    """Queue the announcement in this transaction; send :data:`process_changed` after commit.

    The announcement is an outbox row of the action's own transaction
    (:func:`gongwen.runtime.announcements.enqueue`), so the action has one disk flush.
    """
    enqueue_announcement(action, result.opened_task_ids)
    transaction.on_commit(
        lambda: process_changed.send(
            sender=sender,
            process_id=result.process_id,
            action=action,
            opened_task_ids=result.opened_task_ids,
        )
    )


def acting_for(task: Task, actor: Any) -> Any:
    """Return whom ``actor`` acts for on ``task`` (``None``: for themselves).

    The assignee acts for whoever the task was redirected from (``task.on_behalf_of``); a
    person the assignee has delegated to (委托, in effect now) acts for the assignee.

    Raises:
        NotPermitted: ``actor`` neither holds the task nor stands in for who does.
        NotCleared: ``actor`` does, but is below the process's 密级 (raised since it was
            assigned, or a delegate whose clearance does not reach it): nobody acts on what
            they may not read.
    """
    require_person(actor)
    if task.owner_id is None and is_pool_task(task):
        raise NotPermitted(_("Claim this task first: it waits for one of its pool to take it."))
    if task.owner_id == actor.pk:
        require_cleared(actor, task.process)
        return task.on_behalf_of
    owner = task.owner
    if owner is not None and delegate_for(owner, scope=task.process.definition_key) == actor:
        require_cleared(actor, task.process)
        return owner
    raise NotPermitted()


def object_id(value: Any, pointer: str, model: type[Model] | None = None) -> int:
    """Return ``value`` as a row id (an instance of ``model`` gives its ``pk``).

    Raises:
        InvalidInput: ``value`` is neither a whole number nor a ``model`` (at ``pointer``).
        NotFound: a number no row can have (zero, negative, past a bigint).
    """
    if isinstance(value, Model):
        if model is not None and not isinstance(value, model):
            raise InvalidInput(_("Name it by its number."), pointer=pointer)
        value = value.pk
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InvalidInput(_("Name it by its number."), pointer=pointer)
    if isinstance(value, str):
        if not value.isascii() or not value.isdigit():
            raise InvalidInput(_("Name it by its number."), pointer=pointer)
        value = int(value)
    if not 0 < value < MAX_ID:
        raise NotFound(pointer=pointer)
    return value


def is_person(value: Any) -> bool:
    """Return whether ``value`` is an active person (a :class:`~gongwen.org.models.User`)."""
    return isinstance(value, User) and value.is_active


def require_person(actor: Any) -> Any:
    """Return ``actor`` if it is an active person.

    Raises:
        NotPermitted: nobody, not a person, or a person no longer active.
    """
    if not is_person(actor):
        raise NotPermitted()
    return actor


def people_param(value: Any, pointer: str) -> list:
    """Return ``value`` as a list of people (``None``: nobody); anything else is refused.

    Raises:
        InvalidInput: not a list or tuple of people (at ``pointer``).
    """
    if value is None:
        return []
    if not isinstance(value, list | tuple) or not all(isinstance(p, User) for p in value):
        raise InvalidInput(_("Choose people from the address book."), pointer=pointer)
    return list(value)


def chosen_param(value: Any, pointer: str = "/chosen") -> dict:
    """Return ``value`` as ``{node id: [username, …]}`` (``None``: nothing chosen).

    Raises:
        InvalidInput: any other shape (at ``pointer``).
    """
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(u, str) for u in v)
        for k, v in value.items()
    ):
        raise InvalidInput(pointer=pointer)
    return value


def stripped(text: Any) -> Any:
    """Return ``text`` without surrounding blanks (``None``: ``""``; a non-string as it is).

    Constructors keep what they were given; a wrong type is refused by ``check()``.
    """
    if text is None:
        return ""
    return text.strip() if isinstance(text, str) else text


def check_reason(reason: Any, max_length: int) -> None:
    """Raise :class:`InvalidInput` (at ``/reason``) unless ``reason`` is storable text."""
    check_text(
        reason,
        "/reason",
        max_length,
        error=InvalidInput,
        too_long=_("The reason is too long."),
    )


def guard_receiver(
    task: Task,
    person: Any,
    *,
    pointer: str = "/to",
    redirect: bool = True,
    taken: set[int] | None = None,
    holders: set[int] | None = None,
) -> Assignment:
    """Return who would receive ``task``'s step given to ``person``, or refuse.

    The one guard of 转办, 委托, 加签 and admin 改派: the receiver must be cleared for the
    process's 密级, and must not already have a part in the step (:func:`step_holders`: a task
    held by them or for them, a place in a 依次 queue, an approval that stands) — through a
    delegation in effect either (``redirect``: the step goes to their delegate, as
    :func:`receiving` says; 委托 of one task gives it to ``person`` outright). ``taken``: ids
    already in the step by the caller's reckoning (the adder, the people added before);
    ``holders``: :func:`step_holders` of ``task``, if the caller guards several receivers.

    Raises:
        NotCleared: ``person`` is below the process's 密级 (at ``pointer``).
        InvalidInput: ``person`` or their delegate already has a part in the step.
    """
    if not is_cleared(person, task.process):
        raise NotCleared(
            _("This person is not cleared for the 密级 of this matter."), pointer=pointer
        )
    assignment = receiving(person, task) if redirect else Assignment(person)
    holding = (step_holders(task) if holders is None else holders) | (taken or set())
    if {person.pk, assignment.user.pk} & holding:
        raise InvalidInput(_("This person already has a task at this step."), pointer=pointer)
    return assignment


class LockedAction(Action):
    """The shape every action shares: load its target with the process locked, check, apply.

    Subclasses set ``code`` and ``audit_action`` and implement :meth:`load`, :meth:`validate`
    and :meth:`apply`; :meth:`execute` (the kernel's) runs :meth:`run` in one transaction (run
    again if PostgreSQL aborts it as a deadlock victim), which announces the result after
    commit.
    """

    code: ClassVar[str] = ""
    audit_action: ClassVar[str] = ""

    def check(self) -> None:
        """Raise an :class:`ActionError` if the action cannot run now; change nothing."""
        translating(lambda: self.validate(self.load()))

    def execute(self) -> ActionResult:
        """Run the action in one transaction with the process locked; return what it did."""
        return super().execute()

    def run(self) -> ActionResult:
        """Load the target locked, check, apply and announce (inside :meth:`execute`)."""
        target = self.load(lock=True)
        self.validate(target)
        result = self.apply(target)
        announce(type(self), result, self.audit_action)
        return result

    def load(self, *, lock: bool = False) -> Any:
        """Return what the action is addressed to (its process locked when ``lock``)."""
        raise NotImplementedError

    def validate(self, target: Any) -> None:
        """Raise an :class:`ActionError` unless the action may run on ``target`` now."""
        raise NotImplementedError

    def apply(self, target: Any) -> ActionResult:
        """Make the change; called with the process locked and checks passed."""
        raise NotImplementedError


class LockedTaskAction(LockedAction):
    """An action addressed to one task: the task is loaded with its process locked."""

    def __init__(self, task: Task | int, actor: Any) -> None:
        self.task_id = task.pk if isinstance(task, Task) else task
        self.actor = actor

    def load(self, *, lock: bool = False) -> Task:
        """Return the task (with its process locked when ``lock``: one statement)."""
        task_id = object_id(self.task_id, "/task", Task)
        if lock:
            task = load_task_locked(task_id)
            if task is None:
                raise NotFound()
            return task
        try:
            return Task.objects.select_related("process", "owner").get(pk=task_id)
        except Task.DoesNotExist:
            raise NotFound() from None


class TaskAction(LockedTaskAction):
    """An action on one open task by its assignee (or their delegate), with an opinion.

    Subclasses set ``code`` (as listed in a node's ``actions``), ``audit_action`` and
    implement :meth:`apply`.
    """

    takes_opinion: ClassVar[bool] = True
    #: The action completes the step, so it takes the step's form edits (``data``) and
    #: enforces what the step requires (gongwen.forms); others refuse ``data``.
    takes_data: ClassVar[bool] = False

    def __init__(
        self, task: Task | int, actor: Any, *, opinion: str = "", data: Any = None
    ) -> None:
        super().__init__(task, actor)
        self.opinion = stripped(opinion)
        self.on_behalf_of: Any = None
        self.data = data
        self.edits: Edits | None = None  # the accepted edits, once validated

    def validate(self, task: Task) -> None:
        """Check the actor holds the open task and the node allows this action."""
        if not is_human(task):
            raise NotPermitted()
        self.on_behalf_of = acting_for(task, self.actor)
        if task.process.finished is not None or task.status not in OPEN_STATUSES:
            raise Conflict()
        spec = node_spec(task)
        allowed = set(spec.actions) | {"approve"} if spec.actions else DEFAULT_NODE_ACTIONS
        if self.code not in allowed:
            raise NotPermitted(_("This step does not allow that action."))
        check_opinion(self.opinion)
        if self.takes_opinion and spec.opinion_required and not self.opinion:
            raise InvalidInput(_("This step requires an opinion."))
        if self.takes_data:
            self.edits = clean_task_edits(task, self.data, opinion=self.opinion)
        elif self.data is not None:
            raise InvalidInput(_("This action takes no form data."), pointer="/data")

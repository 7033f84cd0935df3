"""The shape every action shares: load, lock, check, apply, record, announce after commit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from django.db import OperationalError, transaction
from django.utils.translation import gettext_lazy as _

from gongwen.org.queries import delegate_for
from gongwen.runtime.actions.form_data import Edits, clean_task_edits
from gongwen.runtime.engine.models import OPEN_STATUSES
from gongwen.runtime.engine.operations import is_human, load_task_locked, node_spec
from gongwen.runtime.exceptions import Conflict, InvalidInput, NotFound, NotPermitted
from gongwen.runtime.models import Task
from gongwen.runtime.opinions import check_opinion
from gongwen.runtime.pool import is_pool_task
from gongwen.runtime.signals import process_changed

#: Actions a node allows when its definition lists none.
DEFAULT_NODE_ACTIONS = frozenset(
    {"approve", "reject", "return_to", "withdraw", "transfer", "add_signer", "delegate"}
)


@dataclass
class ActionResult:
    """What an action did: the process, and the tasks it opened for people."""

    process_id: int
    opened_task_ids: list[int] = field(default_factory=list)
    decision: str = ""


#: SQLSTATEs of a transaction the database aborted so that another could go on: a deadlock
#: victim (40P01) or a serialization failure (40001). The victim wrote nothing.
RETRYABLE_SQLSTATES = frozenset({"40P01", "40001"})
#: How many times an action runs before such an abort is reported.
ATTEMPTS = 3

T = TypeVar("T")


def atomically(work: Callable[[], T]) -> T:
    """Run ``work`` in one transaction; run it afresh if the database aborted it as a victim.

    Two actions can take the same rows in different orders (a parent terminated while its child
    ends: parent → child against child → parent); PostgreSQL then aborts one of them. Being
    rolled back, it is safe to run again, and it then sees what the other did (often: a clear
    :class:`Conflict`). Inside a caller's transaction there is nothing to retry: the error
    goes up.
    """
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with transaction.atomic():
                return work()
        except OperationalError as error:
            state = getattr(error.__cause__, "sqlstate", None)
            nested = transaction.get_connection().in_atomic_block
            if nested or attempt == ATTEMPTS or state not in RETRYABLE_SQLSTATES:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def announce(sender: type, result: ActionResult, action: str) -> None:
    """Send :data:`process_changed` once the transaction has committed."""
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
    """
    if actor is None or not actor.is_active:
        raise NotPermitted()
    if task.owner_id is None and is_pool_task(task):
        raise NotPermitted(_("Claim this task first: it waits for one of its pool to take it."))
    if task.owner_id == actor.pk:
        return task.on_behalf_of
    owner = task.owner
    if owner is not None and delegate_for(owner, scope=task.process.definition_key) == actor:
        return owner
    raise NotPermitted()


class LockedAction:
    """The shape every action shares: load its target with the process locked, check, apply.

    Subclasses set ``code`` and ``audit_action`` and implement :meth:`load`, :meth:`validate`
    and :meth:`apply`; :meth:`execute` runs them in one transaction (run again if PostgreSQL
    aborts it as a deadlock victim) and announces the result after commit.
    """

    code: ClassVar[str] = ""
    audit_action: ClassVar[str] = ""

    def check(self) -> None:
        """Raise an :class:`ActionError` if the action cannot run now; change nothing."""
        self.validate(self.load())

    def execute(self) -> ActionResult:
        """Run the action in one transaction with the process locked; return what it did."""
        return atomically(self._run)

    def _run(self) -> ActionResult:
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
        self.task_id = task.pk if isinstance(task, Task) else int(task)
        self.actor = actor

    def load(self, *, lock: bool = False) -> Task:
        """Return the task (with its process locked when ``lock``: one statement)."""
        if lock:
            task = load_task_locked(self.task_id)
            if task is None:
                raise NotFound()
            return task
        try:
            return Task.objects.select_related("process", "owner").get(pk=self.task_id)
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
        self.opinion = (opinion or "").strip()
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

"""认领 pools: a ``claim`` node's one task waits, unowned, until a holder of the post claims it.

A node with ``claim: true`` and a ``role`` or ``position`` assignee rule does not resolve the
rule to people when it is reached: it opens **one** task with no owner and records the pool on
it (``Task.pool_role`` + ``pool_department`` subtree, or ``pool_department`` + ``pool_title``).
Whoever holds the role or post *at the time they look* sees it in 待办 and may claim it
(:class:`gongwen.runtime.actions.Claim`); nobody else does.

The membership test is one SQL predicate (:func:`claimable_by`), so 待办 stays one query
however many posts and roles a person holds. Delegates do not see or claim their delegators'
pool tasks: a pool already has people standing in for each other.

The same membership, read from the person's side: the pools a person belongs to are named by
their keys (:func:`role_pool_keys`, :func:`post_pool_keys`) — each role of each post with
each department at or above the post, and each post's department and title. On PostgreSQL the
待办 walks the pool indexes once per key instead of testing every open pool task
(``gongwen.runtime.inbox``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, F, Func, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from gongwen.definitions.specs import NodeSpec
from gongwen.org.models import Department, Position, Role, User
from gongwen.org.queries import role_members
from gongwen.runtime.assignees import AssigneeContext
from gongwen.runtime.assignees.builtin import position_department, role_scope
from gongwen.runtime.assignment import URGENT
from gongwen.runtime.models import OPEN_STATUSES, Task


@dataclass(frozen=True)
class Pool:
    """Who may claim a task: holders of ``role`` (within ``department``), or of a post."""

    role: Role | None = None
    department: Department | None = None
    title: str = ""

    def stamp(self, task: Task) -> None:
        """Record the pool on ``task`` (not saved)."""
        task.pool_role = self.role
        task.pool_department = self.department
        task.pool_title = self.title

    def members(self) -> QuerySet[User]:
        """Return the active people who may claim from this pool now (one query)."""
        if self.role is not None:
            return role_members(self.role.code, within=self.department)
        posts = {"positions__department": self.department, "positions__title": self.title}
        return User.objects.filter(is_active=True, **posts).distinct()


def pool_for(node: NodeSpec, process: Any, previous_task: Any = None) -> Pool | None:
    """Return the pool a ``claim`` node reached in ``process`` waits on, if it is one.

    ``None`` leaves the node to the ordinary assignee plan: the node does not claim, it is
    skipped as 特急, or nobody holds the post now (then ``on_empty`` decides).
    """
    if not node.claim or node.assignee is None:
        return None
    if node.skippable_when_urgent and process.urgency == URGENT:
        return None
    pool = _pool(node, AssigneeContext(process, node, previous_task))
    if pool is None:
        return None
    # Members below the 密级 can neither see nor claim it: a pool of only them is empty.
    return pool if pool.members().filter(clearance__gte=process.secrecy).exists() else None


def _pool(node: NodeSpec, context: AssigneeContext) -> Pool | None:
    rule, params = node.assignee.rule, node.assignee.params
    if rule == "role":
        role = Role.objects.filter(code=params["role"]).first()
        return Pool(role=role, department=role_scope(params, context)) if role else None
    if rule == "position":
        department = position_department(params, context)
        return Pool(department=department, title=params["title"]) if department else None
    return None


def pool_of(task: Task) -> Pool | None:
    """Return the pool ``task`` was opened for, if any."""
    if not is_pool_task(task):
        return None
    return Pool(role=task.pool_role, department=task.pool_department, title=task.pool_title)


def is_pool_task(task: Task) -> bool:
    """Return whether ``task`` was opened for a pool (claimed or not)."""
    return task.pool_role_id is not None or bool(task.pool_title)


def claimable_by(user: Any) -> Q:
    """Return the filter of open, unowned pool tasks ``user`` holds the role or post for.

    Both tests are ``EXISTS`` over the person's posts, evaluated in the query that uses them.
    """
    posts = Position.objects.filter(user=user)
    subtree = Coalesce(OuterRef("pool_department__path"), Value("/"))
    by_role = posts.filter(roles=OuterRef("pool_role"), department__path__startswith=subtree)
    by_post = posts.filter(department=OuterRef("pool_department"), title=OuterRef("pool_title"))
    # The first two terms are the condition of the index runtime_task_open_pool, spelled out so
    # the planner sees the index applies.
    return (
        Q(owner__isnull=True, status__in=OPEN_STATUSES)
        & (Q(pool_role__isnull=False) | Q(pool_title__gt=""))
        & (
            Q(Exists(by_role), pool_role__isnull=False)
            | Q(Exists(by_post), pool_role__isnull=True, pool_title__gt="")
        )
    )


class _PathIds(Func):
    """PostgreSQL: the ids in a materialised path, ``'/3/17/42/'`` → ``{3,17,42}``."""

    template = "string_to_array(btrim(%(expressions)s, '/'), '/')::bigint[]"


class _Unnest(Func):
    """PostgreSQL: one row per element of an array (a set-returning function)."""

    function = "unnest"


def role_pool_keys(user: Any) -> QuerySet:
    """Return ``(role_id, department_id)`` of every role pool ``user`` belongs to (PostgreSQL).

    Each role of each post, with the post's department and every department above it (its
    materialised path); pools for a role anywhere (no department) are
    :func:`anywhere_pool_keys`. Written with PostgreSQL's arrays: SQLite tests
    :func:`claimable_by` instead.
    """
    held = Position.roles.through.objects.filter(position__user=user)
    department = _Unnest(_PathIds(F("position__department__path")))
    return held.annotate(department_id=department).values("role_id", "department_id").distinct()


def anywhere_pool_keys(user: Any) -> QuerySet:
    """Return ``role_id`` of every role ``user`` holds in some post: pools of a role anywhere."""
    held = Position.roles.through.objects.filter(position__user=user)
    return held.values("role_id").distinct()


def post_pool_keys(user: Any) -> QuerySet:
    """Return ``(department_id, title)`` of every post ``user`` holds: their post pools."""
    posts = Position.objects.filter(user=user).order_by()
    return posts.values("department_id", "title").distinct()


def can_claim(task: Task, user: Any) -> bool:
    """Return whether ``user`` (active) may claim ``task`` now (one query)."""
    if user is None or not user.is_active:
        return False
    claimable = Task.objects.filter(pk=task.pk, process__secrecy__lte=user.clearance)
    return claimable.filter(claimable_by(user)).exists()

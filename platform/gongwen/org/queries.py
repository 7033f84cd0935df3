"""Organisation queries the runtime's assignee rules stand on, each in a bounded number of queries.

| helper                     | queries |
| -------------------------- | ------- |
| ``department_head``        | 1       |
| ``superior``               | 2 (any N) |
| ``role_members``           | 1       |
| ``leader_in_charge``       | 1       |
| ``delegate_for``           | 1       |
| ``delegates_for``          | 1 (any number of people) |
| ``with_delegate_ids``      | 0 (a subquery in the caller's query) |
| ``departments_of``         | 1       |
"""

from __future__ import annotations

from datetime import datetime

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from gongwen.org.models import Delegation, Department, DepartmentKind, Oversight, Position, User


def department_head(department: Department) -> User | None:
    """Return the head (负责人) of ``department``, or ``None`` if the post is vacant."""
    position = (
        Position.objects.filter(department=department, is_head=True, user__is_active=True)
        .select_related("user")
        .first()
    )
    return position.user if position else None


def primary_position(user: User) -> Position | None:
    """Return the person's primary position, else their most senior one."""
    return (
        Position.objects.filter(user=user)
        .select_related("department")
        .order_by("-is_primary", "rank", "id")
        .first()
    )


def superior(user: User, level: int = 1, *, department: Department | None = None) -> User | None:
    """Return the ``level``-th superior of ``user`` in ``department`` (default: primary post).

    Level 1 is the head of the person's department, or — when they head it themselves — the
    head of the nearest enclosing department with a different head. Vacant posts are passed
    over. Two queries, whatever ``level`` is.
    """
    if level < 1:
        raise ValueError("level must be at least 1")
    if department is None:
        position = primary_position(user)
        if position is None:
            return None
        department = position.department
    heads = _heads_by_department(department.lineage_ids)
    chain: list[User] = []
    for dept_id in reversed(department.lineage_ids):
        head = heads.get(dept_id)
        if head is None or head.pk == user.pk or (chain and chain[-1].pk == head.pk):
            continue
        chain.append(head)
        if len(chain) == level:
            return head
    return None


def nearest_head(department: Department, *, passing_over: set[int] = frozenset()) -> User | None:
    """Return the head of ``department`` or of the nearest enclosing department with one.

    Vacant posts and the people in ``passing_over`` (user ids) are passed over. One query.
    """
    heads = _heads_by_department(department.lineage_ids)
    for dept_id in reversed(department.lineage_ids):
        head = heads.get(dept_id)
        if head is not None and head.pk not in passing_over:
            return head
    return None


def _heads_by_department(department_ids: list[int]) -> dict[int, User]:
    positions = Position.objects.filter(
        department_id__in=department_ids, is_head=True, user__is_active=True
    ).select_related("user")
    return {p.department_id: p.user for p in positions}


def role_members(
    role_code: str, *, within: Department | None = None, subtree: bool = True
) -> QuerySet[User]:
    """Return active people holding ``role_code``, optionally inside ``within`` (one query)."""
    filters: dict[str, object] = {"positions__roles__code": role_code, "is_active": True}
    if within is not None and subtree:
        filters["positions__department__path__startswith"] = within.path
    elif within is not None:
        filters["positions__department"] = within
    return User.objects.filter(**filters).distinct().order_by("id")


def organ_of(department: Department) -> Department | None:
    """Return the nearest organ (机关) at or above ``department``, or ``None`` (one query)."""
    return (
        Department.objects.filter(pk__in=department.lineage_ids, kind=DepartmentKind.ORGAN)
        .order_by("-depth")
        .first()
    )


def leader_in_charge(department: Department) -> User | None:
    """Return the 分管领导 of ``department``: the nearest oversight up the tree (one query)."""
    oversight = (
        Oversight.objects.filter(department_id__in=department.lineage_ids, leader__is_active=True)
        .select_related("leader")
        .order_by("-department__depth")
        .first()
    )
    return oversight.leader if oversight else None


def _delegations(at: datetime | None, scope: str) -> QuerySet[Delegation]:
    """Delegations in effect at ``at`` covering ``scope``, the one that wins first.

    A delegation for the specific scope wins over an all-matters one, then the latest start,
    then the latest made (validation keeps such overlaps out; the order stays total anyway).
    """
    return (
        Delegation.objects.in_effect(at or timezone.now())
        .covering(scope)
        .filter(delegate__is_active=True)
        .order_by("-scope", "-starts_at", "-pk")
    )


def delegate_for(user: User, *, at: datetime | None = None, scope: str = "") -> User | None:
    """Return who acts for ``user`` at ``at`` for matters of ``scope``, or ``None`` (one query)."""
    delegation = _delegations(at, scope).filter(delegator=user).select_related("delegate").first()
    return delegation.delegate if delegation else None


def delegates_for(
    users: list[User], *, at: datetime | None = None, scope: str = ""
) -> dict[int, User]:
    """Return ``{delegator id: delegate}`` for those of ``users`` who delegated (one query)."""
    found: dict[int, User] = {}
    if not users:
        return found
    rows = _delegations(at, scope).filter(delegator__in=users).select_related("delegate")
    for delegation in rows:
        found.setdefault(delegation.delegator_id, delegation.delegate)
    return found


#: The annotation :func:`with_delegate_ids` adds: the delegate's id, or ``None``.
DELEGATE_ID = "in_effect_delegate_id"


def with_delegate_ids(
    people: QuerySet[User], *, at: datetime | None = None, scope: str = ""
) -> QuerySet[User]:
    """Annotate each person with who acts for them (:data:`DELEGATE_ID`), in the same query.

    The rule of :func:`delegate_for` as a correlated subquery, so resolving people and their
    delegations costs one statement. It is written in SQL because it runs on every node a
    process reaches and Django takes longer to compile the equivalent queryset (about 1.3 ms)
    than the database takes to run it; ``tests/org/test_delegation__sql_rule_agrees.py`` holds
    the two spellings of the rule to the same answers.
    """
    moment = connection.ops.adapt_datetimefield_value(at or timezone.now())
    sql = _WINNING_DELEGATE_SQL.format(
        delegation=Delegation._meta.db_table,
        user=User._meta.db_table,
        person=f"{User._meta.db_table}.{User._meta.pk.column}",
    )
    values = (moment, moment, moment, scope)  # identifiers above come from model metadata
    return people.annotate(**{DELEGATE_ID: RawSQL(sql, values)})  # noqa: S611


#: The delegate of ``{person}`` (an outer column): in effect at the moment given, active, for
#: the scope given or all matters (``''``); a scope-specific one wins, then the latest start.
_WINNING_DELEGATE_SQL = """(
    SELECT d.delegate_id FROM {delegation} d
    INNER JOIN {user} du ON du.id = d.delegate_id AND du.is_active
    WHERE d.delegator_id = {person}
      AND d.starts_at <= %s AND d.ends_at > %s AND (d.revoked_at IS NULL OR d.revoked_at > %s)
      AND (d.scope = '' OR d.scope = %s)
    ORDER BY d.scope DESC, d.starts_at DESC, d.id DESC
    LIMIT 1
)"""


def departments_of(user: User) -> list[Department]:
    """Return the departments the person holds a post in, primary first (one query)."""
    positions = (
        Position.objects.filter(user=user)
        .select_related("department")
        .order_by("-is_primary", "department__path")
    )
    seen: dict[int, Department] = {}
    for position in positions:
        seen.setdefault(position.department_id, position.department)
    return list(seen.values())

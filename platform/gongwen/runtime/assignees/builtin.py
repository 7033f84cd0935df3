"""The built-in rules of contract 5, with the parameters ``definitions.registries`` declares."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gongwen.org.models import Department, DepartmentKind, Position, User
from gongwen.org.queries import department_head, leader_in_charge, role_members, superior
from gongwen.runtime.assignees.context import AssigneeContext
from gongwen.runtime.assignees.registry import resolvers


def _department(ref: Any, context: AssigneeContext) -> Department | None:
    """Resolve a department reference: ``"initiator"``, ``{"department": c}``, ``{"field": f}``."""
    if ref in (None, "initiator"):
        return context.initiator_department
    if isinstance(ref, Mapping) and "department" in ref:
        return Department.objects.filter(code=ref["department"]).first()
    if isinstance(ref, Mapping) and "field" in ref:
        code = context.form_value(ref["field"])
        return Department.objects.filter(code=code).first() if isinstance(code, str) else None
    return None


def _organ_of(department: Department) -> Department:
    """Return the nearest enclosing organ (机关) of ``department``, or itself."""
    lineage = Department.objects.in_bulk(department.lineage_ids)
    for dept_id in reversed(department.lineage_ids):
        if lineage[dept_id].kind == DepartmentKind.ORGAN:
            return lineage[dept_id]
    return department


def _usernames(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [v for v in value if isinstance(v, str)]
    return []


def _users_by_username(names: list[str], context: AssigneeContext) -> list[User]:
    found = {u.username: u for u in context.people(User.objects.filter(username__in=names))}
    return [found[n] for n in names if n in found]


@resolvers.register("user")
def resolve_user(params: Mapping[str, Any], context: AssigneeContext) -> list[User]:
    """Name one person by username."""
    return _users_by_username([params["username"]], context)


def role_scope(params: Mapping[str, Any], context: AssigneeContext) -> Department | None:
    """Return the department subtree a ``role`` rule looks in (``None``: everywhere)."""
    within = params.get("within", "all")
    department = context.initiator_department
    if within == "all" or department is None:
        return None
    return _organ_of(department) if within == "initiator_org" else department


def position_department(params: Mapping[str, Any], context: AssigneeContext) -> Department | None:
    """Return the department a ``position`` rule names (default: the initiator's)."""
    return _department(params.get("department"), context)


@resolvers.register("role")
def resolve_role(params: Mapping[str, Any], context: AssigneeContext) -> list[User]:
    """Everyone holding a role, optionally within the initiator's department or organ."""
    return context.people(role_members(params["role"], within=role_scope(params, context)))


@resolvers.register("position")
def resolve_position(params: Mapping[str, Any], context: AssigneeContext) -> list[User]:
    """The holders of a post title, in a given department (default: the initiator's)."""
    department = position_department(params, context)
    if department is None:
        return []
    positions = Position.objects.filter(department=department, title=params["title"])
    return [p.user for p in positions.select_related("user").order_by("rank", "id")]


@resolvers.register("department_head")
def resolve_department_head(params: Mapping[str, Any], context: AssigneeContext) -> list[User]:
    """The head (负责人) of the initiator's or a given department."""
    department = _department(params.get("of"), context)
    return [department_head(department)] if department else []


@resolvers.register("superior")
def resolve_superior(params: Mapping[str, Any], context: AssigneeContext) -> list[User]:
    """The N-th level superior of the initiator."""
    if context.initiator is None:
        return []
    return [superior(context.initiator, int(params["level"]))]


@resolvers.register("leader_in_charge")
def resolve_leader_in_charge(params: Mapping[str, Any], context: AssigneeContext) -> list[User]:
    """The 分管领导 of the initiator's (or a given) department."""
    department = _department(params.get("of"), context)
    return [leader_in_charge(department)] if department else []


@resolvers.register("initiator")
def resolve_initiator(params: Mapping[str, Any], context: AssigneeContext) -> list[User]:
    """The person who started the process."""
    return [context.initiator]


def _chosen(params: Mapping[str, Any], context: AssigneeContext) -> list[User]:
    people = _users_by_username(context.chosen(), context)
    if params.get("role"):
        allowed = set(role_members(params["role"]).values_list("pk", flat=True))
        people = [p for p in people if p.pk in allowed]
    return people if params.get("multiple") else people[:1]


@resolvers.register("initiator_chosen")
def resolve_initiator_chosen(params: Mapping[str, Any], context: AssigneeContext) -> list[User]:
    """The people the initiator picked for this node when starting (optionally of a role)."""
    return _chosen(params, context)


@resolvers.register("previous_step_chosen")
def resolve_previous_step_chosen(params: Mapping[str, Any], context: AssigneeContext) -> list[User]:
    """The people the previous step's actor picked for this node (optionally of a role)."""
    return _chosen(params, context)


@resolvers.register("form_field")
def resolve_form_field(params: Mapping[str, Any], context: AssigneeContext) -> list[User]:
    """The people named (by username) in a person-picker field of the form."""
    return _users_by_username(_usernames(context.form_value(params["field"])), context)

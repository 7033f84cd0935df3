"""Models of the organisation, one module per concept."""

from gongwen.org.models.delegations import ALL_MATTERS, Delegation
from gongwen.org.models.departments import Department, DepartmentKind
from gongwen.org.models.oversight import Oversight
from gongwen.org.models.positions import Position
from gongwen.org.models.roles import Role
from gongwen.org.models.users import User

__all__ = [
    "ALL_MATTERS",
    "Delegation",
    "Department",
    "DepartmentKind",
    "Oversight",
    "Position",
    "Role",
    "User",
]

"""Address-book import/export (django-import-export) for departments, people and positions.

Every row goes through ``full_clean`` (so a department cycle or a bad 密级 is rejected with
its message) and a file with any bad row is rolled back whole.
"""

from __future__ import annotations

from import_export import fields, resources, widgets

from gongwen.org.clearance import Clearance
from gongwen.org.models import Department, Position, Role, User


class AllOrNothingResource(resources.ModelResource):
    """A resource whose imports roll back whole when any row fails validation."""

    def import_data(self, dataset, *args, **kwargs):
        kwargs.setdefault("use_transactions", True)
        kwargs.setdefault("rollback_on_validation_errors", True)
        return super().import_data(dataset, *args, **kwargs)


class DepartmentResource(AllOrNothingResource):
    """Departments keyed by ``code``; the parent is given by its code."""

    parent = fields.Field(
        attribute="parent",
        column_name="parent",
        widget=widgets.ForeignKeyWidget(Department, field="code"),
    )

    class Meta:
        model = Department
        import_id_fields = ["code"]
        fields = ["code", "name", "short_name", "kind", "parent", "sort_order", "is_active"]
        clean_model_instances = True
        skip_unchanged = True


class ClearanceWidget(widgets.Widget):
    """Read 密级 as 公开/内部/秘密/机密 or 0–3; write the Chinese name."""

    _names = {0: "公开", 1: "内部", 2: "秘密", 3: "机密"}

    def clean(self, value, row=None, **kwargs):
        """Parse a clearance; a bad value raises ValueError, which rejects the row."""
        return int(Clearance.parse(value))

    def render(self, value, obj=None, **kwargs):
        """Render the Chinese name."""
        return self._names.get(value, "")


class UserResource(AllOrNothingResource):
    """People keyed by ``username``; passwords are never imported or exported."""

    clearance = fields.Field(
        attribute="clearance", column_name="clearance", widget=ClearanceWidget()
    )

    class Meta:
        model = User
        import_id_fields = ["username"]
        fields = ["username", "display_name", "email", "phone", "clearance", "is_active"]
        clean_model_instances = True
        skip_unchanged = True


class PositionResource(AllOrNothingResource):
    """Posts: person (username), department (code), title, roles (codes, comma-separated)."""

    user = fields.Field(
        attribute="user",
        column_name="user",
        widget=widgets.ForeignKeyWidget(User, field="username"),
    )
    department = fields.Field(
        attribute="department",
        column_name="department",
        widget=widgets.ForeignKeyWidget(Department, field="code"),
    )
    roles = fields.Field(
        attribute="roles",
        column_name="roles",
        widget=widgets.ManyToManyWidget(Role, field="code", separator=","),
    )

    class Meta:
        model = Position
        import_id_fields = ["user", "department", "title"]
        fields = ["user", "department", "title", "roles", "is_primary", "is_head", "rank"]
        clean_model_instances = True
        skip_unchanged = True

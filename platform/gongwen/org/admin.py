"""Django admin for the organisation, with search, filters and address-book import/export.

委托 (``Delegation``) has its admin in ``gongwen.runtime.admin.delegations``: delegations are
made and revoked by the runtime's actions (revoking gives tasks back), which org may not import.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin

from gongwen.org.models import Department, Oversight, Position, Role, User
from gongwen.org.resources import DepartmentResource, PositionResource, UserResource


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["department", "roles"]


@admin.register(User)
class UserAdmin(ImportExportModelAdmin, BaseUserAdmin):
    resource_classes = [UserResource]
    inlines = [PositionInline]
    list_display = ["username", "display_name", "clearance", "is_active", "is_staff"]
    list_filter = [
        "clearance",
        "is_active",
        "is_staff",
        "positions__department",
        "positions__roles",
    ]
    search_fields = ["username", "display_name", "email", "phone"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        (_("Gongwen"), {"fields": ["display_name", "clearance", "phone"]}),
    ]


@admin.register(Department)
class DepartmentAdmin(ImportExportModelAdmin):
    resource_classes = [DepartmentResource]
    list_display = ["name", "code", "kind", "parent", "depth", "is_active"]
    list_filter = ["kind", "is_active", "depth"]
    search_fields = ["name", "short_name", "code"]
    autocomplete_fields = ["parent"]
    ordering = ["path"]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_en"]
    search_fields = ["code", "name", "name_en"]


@admin.register(Position)
class PositionAdmin(ImportExportModelAdmin):
    resource_classes = [PositionResource]
    list_display = ["user", "department", "title", "is_primary", "is_head"]
    list_filter = ["is_primary", "is_head", "roles", "department__kind"]
    search_fields = ["user__username", "user__display_name", "department__name", "title"]
    autocomplete_fields = ["user", "department", "roles"]


@admin.register(Oversight)
class OversightAdmin(admin.ModelAdmin):
    list_display = ["leader", "department"]
    search_fields = ["leader__display_name", "department__name"]
    autocomplete_fields = ["leader", "department"]

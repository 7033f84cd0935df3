"""Tasks in the admin: every step of every process, filtered by type, status, person, department."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from gongwen.runtime.admin.base import ProcessPartAdmin
from gongwen.runtime.admin.filters import DepartmentFilter, DocumentTypeFilter
from gongwen.runtime.models import Task


@admin.register(Task)
class TaskAdmin(ProcessPartAdmin):
    """Every task (a person's or the engine's), newest first; department: the assignee's."""

    person_field = "owner"
    list_display = [
        "id",
        "process_column",
        "document_type",
        "node",
        "owner",
        "department",
        "status",
        "outcome",
        "created",
        "finished",
    ]
    list_filter = [
        DocumentTypeFilter.on("process__definition_key"),
        "status",
        "outcome",
        ("owner", admin.RelatedOnlyFieldListFilter),
        DepartmentFilter.on("owner"),
    ]
    search_fields = ["=id", "=process__id", "process__title", "node_id", "owner__username"]
    search_help_text = _("Number, process number or title, node id or the assignee's username.")
    list_select_related = ["process", "owner"]
    date_hierarchy = "created"
    fields = [
        "process_column",
        "node",
        "node_id",
        "status",
        "outcome",
        "owner",
        "on_behalf_of",
        "completed_by",
        "pool_role",
        "pool_department",
        "pool_title",
        "created",
        "assigned",
        "started",
        "finished",
        "batch",
    ]
    readonly_fields = fields

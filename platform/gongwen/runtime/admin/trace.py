"""Trace rows in the admin: who did what, when, across all processes."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from gongwen.audit.action_labels import describe
from gongwen.audit.admin import ActionListFilter
from gongwen.runtime.admin.base import ProcessPartAdmin
from gongwen.runtime.admin.filters import DepartmentFilter, DocumentTypeFilter
from gongwen.runtime.models import TraceEntry


@admin.register(TraceEntry)
class TraceEntryAdmin(ProcessPartAdmin):
    """Every trace row, newest first; the process page shows one process's rows in order."""

    person_field = "actor"
    list_display = [
        "at",
        "process_column",
        "document_type",
        "node",
        "actor",
        "on_behalf_of",
        "department",
        "action_words",
        "opinion",
    ]
    list_filter = [
        ActionListFilter,
        DocumentTypeFilter.on("process__definition_key"),
        ("actor", admin.RelatedOnlyFieldListFilter),
        DepartmentFilter.on("actor"),
    ]
    search_fields = ["=process__id", "process__title", "opinion", "actor__username", "action"]
    search_help_text = _("Process number or title, opinion, the actor's username or the action.")
    list_select_related = ["process", "actor", "on_behalf_of"]
    ordering = ["-id"]
    date_hierarchy = "at"
    fields = [
        "process_column",
        "node",
        "node_id",
        "action_words",
        "actor",
        "on_behalf_of",
        "opinion",
        "payload",
        "at",
        "remote_addr",
        "user_agent",
    ]
    readonly_fields = fields

    @admin.display(description=_("action"), ordering="action")
    def action_words(self, entry: TraceEntry) -> str:
        """Return the action as a word with its code, e.g. "通过 (gongwen.task.approve)"."""
        return describe(entry.action)

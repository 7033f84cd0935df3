"""Django admin for the audit trail: look, search, filter — never add, change or delete."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from gongwen.audit.action_labels import describe
from gongwen.audit.models import AuditEvent


class ActionListFilter(admin.SimpleListFilter):
    """Filter by action code, each shown as its word with the code beside it.

    Works for any model with an ``action`` column of audit action codes (the runtime's trace
    rows too); the choices are the codes present, in one query.
    """

    title = _("action")
    parameter_name = "action"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        """Return the codes present, each with its description."""
        codes = model_admin.model._default_manager.order_by("action").distinct()
        return [(code, describe(code)) for code in codes.values_list("action", flat=True)]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        """Keep the rows of the chosen code."""
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = [
        "seq",
        "at",
        "action_words",
        "actor",
        "on_behalf_of",
        "target_type",
        "target_id",
    ]
    list_filter = [
        ActionListFilter,
        ("actor", admin.RelatedOnlyFieldListFilter),
        ("at", admin.DateFieldListFilter),
        "target_type",
    ]
    search_fields = [
        "=seq",
        "action",
        "target_type",
        "=target_id",
        "actor__username",
        "actor__display_name",
        "=hash",
    ]
    date_hierarchy = "at"
    ordering = ["-seq"]
    list_select_related = ["actor", "on_behalf_of"]
    show_full_result_count = False
    actions = None
    fieldsets = [
        (None, {"fields": ["seq", "at", "action_words", "actor", "on_behalf_of"]}),
        (_("Target"), {"fields": ["target_type", "target_id", "payload"]}),
        (_("Origin"), {"fields": ["remote_addr", "user_agent"]}),
        (_("Chain"), {"fields": ["prev_hash", "hash"]}),
    ]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        """Show every field read-only."""
        return [*(f.name for f in self.model._meta.fields), "action_words"]

    @admin.display(description=_("action"), ordering="action")
    def action_words(self, event: AuditEvent) -> str:
        """Return the action as a word with its code, e.g. "通过 (gongwen.task.approve)"."""
        return describe(event.action)

    def has_add_permission(self, request: HttpRequest) -> bool:
        """Refuse: events are recorded by actions only."""
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Refuse: events never change."""
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Refuse: events are never deleted."""
        return False

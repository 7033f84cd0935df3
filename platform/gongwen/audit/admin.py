"""Django admin for the audit trail: look, search, filter — never add, change or delete."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from gongwen.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["seq", "at", "action", "actor", "on_behalf_of", "target_type", "target_id"]
    list_filter = [
        "action",
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
        (None, {"fields": ["seq", "at", "action", "actor", "on_behalf_of"]}),
        (_("Target"), {"fields": ["target_type", "target_id", "payload"]}),
        (_("Origin"), {"fields": ["remote_addr", "user_agent"]}),
        (_("Chain"), {"fields": ["prev_hash", "hash"]}),
    ]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        """Show every field read-only."""
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        """Refuse: events are recorded by actions only."""
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Refuse: events never change."""
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Refuse: events are never deleted."""
        return False

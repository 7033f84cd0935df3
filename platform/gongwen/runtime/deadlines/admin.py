"""Django admin for deadlines (read-only: the runtime writes them)."""

from __future__ import annotations

from django.contrib import admin

from gongwen.runtime.deadlines.models import Deadline


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin):
    list_display = ["task", "due_at", "remind_at", "escalation", "reminded_at", "settled_at"]
    list_filter = ["escalation"]
    readonly_fields = [f.name for f in Deadline._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

"""Django admin for notifications (read-only: they are written by the system)."""

from __future__ import annotations

from django.contrib import admin

from gongwen.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "kind", "message", "read_at"]
    list_filter = ["kind"]
    search_fields = ["user__username", "message"]
    readonly_fields = ["user", "kind", "process_id", "task_id", "message", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False

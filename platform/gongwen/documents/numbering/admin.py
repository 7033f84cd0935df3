"""Admin for number series and the register of issued numbers (read-only: use the services)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from gongwen.documents.numbering.models import IssuedNumber, NumberSeries, SeriesCounter


@admin.register(NumberSeries)
class NumberSeriesAdmin(admin.ModelAdmin):
    list_display = ["key", "organ_code", "name", "kind", "reset_yearly", "is_active"]
    list_filter = ["is_active", "reset_yearly", "kind"]
    search_fields = ["key", "organ_code", "name"]


class _ReadOnlyAdmin(admin.ModelAdmin):
    """Numbers and counters change only through allocate/reserve/void, never by hand."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(SeriesCounter)
class SeriesCounterAdmin(_ReadOnlyAdmin):
    list_display = ["series", "year", "last_sequence"]
    list_filter = ["year"]


@admin.register(IssuedNumber)
class IssuedNumberAdmin(_ReadOnlyAdmin):
    list_display = ["text", "status", "issued_by", "issued_at", "reserved_for", "target", "reason"]
    list_filter = ["status", "year", "series"]
    search_fields = ["text", "target", "reason"]
    date_hierarchy = "issued_at"

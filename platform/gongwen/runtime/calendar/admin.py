"""Django admin for the holiday calendar."""

from __future__ import annotations

from django.contrib import admin

from gongwen.runtime.calendar.models import Holiday


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "is_workday"]
    list_filter = ["is_workday"]
    search_fields = ["name"]
    date_hierarchy = "date"

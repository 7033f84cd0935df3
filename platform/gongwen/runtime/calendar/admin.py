"""Django admin for the holiday calendar: local rows are edited here, shipped ones only shown."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from gongwen.runtime.calendar.models import Holiday, Source


class HolidayForm(forms.ModelForm):
    """A local row; ``source`` is shown but fixed, so the one-per-source check still runs."""

    class Meta:
        model = Holiday
        fields = ["date", "is_workday", "name", "source"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Fix ``source`` to the instance's (local for a new row)."""
        super().__init__(*args, **kwargs)
        self.fields["source"].disabled = True


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    form = HolidayForm
    list_display = ["date", "name", "is_workday", "source"]
    list_filter = ["source", "is_workday"]
    search_fields = ["name"]
    date_hierarchy = "date"

    def has_change_permission(self, request: HttpRequest, obj: Holiday | None = None) -> bool:
        """Refuse edits to shipped rows: ``load_holidays`` would undo them; add a local row."""
        if obj is not None and obj.source == Source.SHIPPED:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Holiday | None = None) -> bool:
        """Refuse deleting shipped rows (the next ``load_holidays`` would bring them back)."""
        if obj is not None and obj.source == Source.SHIPPED:
            return False
        return super().has_delete_permission(request, obj)

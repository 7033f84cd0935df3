"""Admin for department format rules (validated by ``FormatRule.clean`` before saving)."""

from __future__ import annotations

from django.contrib import admin

from gongwen.documents.formatcheck.models import FormatRule


@admin.register(FormatRule)
class FormatRuleAdmin(admin.ModelAdmin):
    list_display = ["code", "department", "rule_type", "severity", "is_active"]
    list_filter = ["is_active", "severity", "rule_type"]
    search_fields = ["code", "message_zh", "message_en"]
    autocomplete_fields = ["department"]

"""``manage.py load_document_demo``: the demo county's 发文字号 series (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from gongwen.documents.numbering.demo import load_series


class Command(BaseCommand):
    help = "Create or update the demo number series (one per 发文机关代字)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = load_series()
        self.stdout.write(self.style.SUCCESS(f"Demo document data loaded: {count} number series."))

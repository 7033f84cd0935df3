"""``manage.py load_holidays``: write the shipped national holiday schedule (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from gongwen.runtime.calendar import schedule_2026
from gongwen.runtime.calendar.models import Holiday


class Command(BaseCommand):
    help = "Load the 2026 national holidays and make-up working days (safe to run again)."

    def handle(self, *args: Any, **options: Any) -> None:
        """Create or update one row per listed date; leave other dates alone."""
        created = updated = 0
        with transaction.atomic():
            for day, is_workday, name in schedule_2026.rows():
                _row, made = Holiday.objects.update_or_create(
                    date=day, defaults={"is_workday": is_workday, "name": name}
                )
                created += made
                updated += not made
        self.stdout.write(f"holidays: {created} created, {updated} already there")

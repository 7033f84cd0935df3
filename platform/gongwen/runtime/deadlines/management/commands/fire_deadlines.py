"""``manage.py fire_deadlines``: one deadline sweep now (for cron), or start the worker's chain."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from gongwen.runtime.deadlines.firing import fire_due
from gongwen.runtime.deadlines.scheduling import ensure_sweep_scheduled


class Command(BaseCommand):
    help = "Fire due deadline reminders and escalations (exactly once, safe with workers)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Instead, enqueue the worker's periodic sweep unless one is waiting.",
        )

    def handle(self, *args: Any, schedule: bool = False, **options: Any) -> None:
        """Sweep once and print the counts (or schedule the periodic sweep)."""
        if schedule:
            made = ensure_sweep_scheduled()
            self.stdout.write("sweep enqueued" if made else "a sweep is already waiting")
            return
        report = fire_due()
        counts = ", ".join(f"{k} {v}" for k, v in sorted(report.items())) or "nothing due"
        self.stdout.write(f"deadlines: {counts}")

"""``manage.py load_demo``: load the 清河县 demo organisation (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from gongwen.org.demo import load_demo


class Command(BaseCommand):
    help = "Create or update the demo county government (departments, people, delegation)."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = load_demo()
        summary = ", ".join(f"{n} {k}" for k, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo organisation loaded: {summary}."))

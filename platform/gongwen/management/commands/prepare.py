"""``manage.py prepare [--demo]``: bring a database up to date, in one process.

``make run`` calls it before ``serve``: migrate, then (with ``--demo``) load the demo county,
its test CA and seals, the shipped document types and the holiday calendar — every loader is
idempotent, so a second run changes nothing — and collect the static files. One process instead
of one ``manage.py`` per step: Django starts once and the system checks speak once (``serve``
runs them), and each step's time is printed so a slow start says where it went.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

#: The demo loaders in the order they depend on each other (seals need the county).
DEMO_STEPS = [
    ("load_demo", "demo county"),
    ("create_test_ca", "test CA and seals"),
    ("load_document_demo", "numbering series and format rules"),
    ("load_definitions", "shipped document types"),
    ("load_holidays", "holiday calendar"),
]


class Command(BaseCommand):
    help = "Migrate the database and, with --demo, load the demo data; print each step's time."
    requires_system_checks: list[str] = []  # `serve` runs them once; no need twice at start

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--demo", action="store_true", help="Also load the demo data.")
        parser.add_argument(
            "--no-static", action="store_true", help="Skip collectstatic (tests, CI)."
        )

    def handle(self, *args: Any, demo: bool, no_static: bool, **options: Any) -> None:
        self._timed("migrate", lambda: call_command("migrate", interactive=False, verbosity=0))
        if demo:
            for command, label in DEMO_STEPS:
                self._timed(label, lambda command=command: self._quiet(command))
        if not no_static:
            self._timed(
                "static files",
                lambda: call_command("collectstatic", interactive=False, verbosity=0),
            )

    def _quiet(self, command: str) -> None:
        """Run a loader with its output kept unless it fails (then the error says enough)."""
        call_command(command, stdout=_Discard(), stderr=self.stderr)

    def _timed(self, label: str, step: Callable[[], None]) -> None:
        started = time.perf_counter()
        step()
        self.stdout.write(f"  {label}: {time.perf_counter() - started:.1f} s")


class _Discard:
    """A write-only sink for a loader's progress lines."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        """Nothing to flush."""

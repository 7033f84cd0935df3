"""``manage.py load_holidays``: write the national holiday schedule from ``chinese-calendar``."""

from __future__ import annotations

import re
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongwen.runtime.calendar import shipped

YEARS = re.compile(r"(\d{4})(?:-(\d{4}))?")


def year_range(text: str) -> range:
    """Parse ``2026`` or ``2025-2026`` into a range of years.

    Raises:
        ValueError: not one year or a first-last pair in order.
    """
    match = YEARS.fullmatch(text.strip())
    if not match:
        raise ValueError(f"not a year or a range of years: {text!r}")
    first = int(match[1])
    last = int(match[2] or first)
    if last < first:
        raise ValueError(f"the range ends before it starts: {text!r}")
    return range(first, last + 1)


class Command(BaseCommand):
    help = (
        "Load the national holidays and make-up working days (法定节假日, 调休) of every year "
        "the installed chinese-calendar package covers, or of --year; refreshes the shipped "
        "rows, never touches local ones, safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """Add ``--year``."""
        parser.add_argument(
            "--year", type=year_range, help="one year (2026) or a range (2025-2026)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        """Bring the shipped rows of the years in line with the package; report the counts."""
        try:
            result = shipped.load_national_days(options["year"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        years = result.years
        self.stdout.write(
            f"holidays {years[0]}–{years[-1]} (chinese-calendar {shipped.package_version()}): "
            f"{result.created} created, {result.updated} updated, {result.removed} removed, "
            f"{result.unchanged} unchanged"
        )

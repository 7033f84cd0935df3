"""The shipped national schedule: 法定节假日 and 调休 from the ``chinese-calendar`` package.

The package follows the State Council's yearly notice (国务院办公厅关于…部分节假日安排的通知);
upgrading it and running ``manage.py load_holidays`` again refreshes the rows marked
:attr:`~gongwen.runtime.calendar.models.Source.SHIPPED`. Local rows are never read or written
here: they sit beside the shipped ones and win (see ``arithmetic._overrides``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import chinese_calendar
from chinese_calendar import constants
from django.db import transaction

from gongwen.runtime.calendar.models import Holiday, Source

#: Appended to the festival's name on its make-up working days (春节调休).
MAKE_UP_SUFFIX = "调休"


@dataclass(frozen=True)
class LoadResult:
    """What one load changed among the shipped rows of its years."""

    years: range
    created: int
    updated: int
    removed: int
    unchanged: int


def package_version() -> str:
    """Return the installed ``chinese-calendar`` version (the data's edition)."""
    return chinese_calendar.__version__


def covered_years() -> range:
    """Return the years the installed package lists holidays for (first to last)."""
    days = [*constants.holidays, *constants.workdays]
    return range(min(days).year, max(days).year + 1)


def national_days(years: range) -> dict[date, tuple[bool, str]]:
    """Return ``{date: (is_workday, Chinese name)}`` for the package's days within ``years``."""
    found: dict[date, tuple[bool, str]] = {}
    for day, festival in constants.holidays.items():
        if day.year in years:
            found[day] = (False, constants.Holiday(festival).chinese)
    # Make-up working days second: the package's own get_holiday_detail puts them first too.
    for day, festival in constants.workdays.items():
        if day.year in years:
            found[day] = (True, constants.Holiday(festival).chinese + MAKE_UP_SUFFIX)
    return found


def load_national_days(years: range | None = None) -> LoadResult:
    """Make the shipped rows of ``years`` equal the package's schedule, in bulk.

    Creates the missing rows, corrects changed ones, removes shipped rows the package no
    longer lists; local rows are left alone. Running it again changes nothing.

    Args:
        years: consecutive years, all covered by the package; ``None`` loads every one it covers.

    Raises:
        ValueError: a year the installed package does not cover.
    """
    covered = covered_years()
    years = covered if years is None else years
    if not years or years[0] < covered[0] or years[-1] > covered[-1]:
        raise ValueError(
            f"chinese-calendar {package_version()} covers {covered[0]}–{covered[-1]}; "
            f"asked for {_span(years)}"
        )
    wanted = national_days(years)
    with transaction.atomic():
        shipped = Holiday.objects.filter(
            source=Source.SHIPPED, date__range=(date(years[0], 1, 1), date(years[-1], 12, 31))
        )
        existing = {row.date: row for row in shipped}
        new = [
            Holiday(date=day, is_workday=is_workday, name=name, source=Source.SHIPPED)
            for day, (is_workday, name) in wanted.items()
            if day not in existing
        ]
        changed = _corrected(existing, wanted)
        stale = [row.pk for day, row in existing.items() if day not in wanted]
        Holiday.objects.bulk_create(new)
        Holiday.objects.bulk_update(changed, ["is_workday", "name"])
        Holiday.objects.filter(pk__in=stale).delete()
    unchanged = len(existing) - len(changed) - len(stale)
    return LoadResult(years, len(new), len(changed), len(stale), unchanged)


def _corrected(
    existing: dict[date, Holiday], wanted: dict[date, tuple[bool, str]]
) -> list[Holiday]:
    changed = []
    for day, row in existing.items():
        if day in wanted and (row.is_workday, row.name) != wanted[day]:
            row.is_workday, row.name = wanted[day]
            changed.append(row)
    return changed


def _span(years: range) -> str:
    return f"{years[0]}–{years[-1]}" if years else "no year"

"""Deadline arithmetic: add a duration in working time (or plain calendar time) to an instant.

Working time counts only the working hours (``GONGWEN["WORKDAY_HOURS"]``, in
``GONGWEN["WORK_TIMEZONE"]``) of working days: Monday to Friday, minus the holidays, plus the
调休 working days recorded as :class:`~gongwen.runtime.calendar.models.Holiday` rows (a local
row wins over the shipped national one on the same date). A
duration's days count as whole working days (one day = the working hours of one day), its
hours and minutes as working hours: ``P1D`` from Monday 10:00 ends Tuesday 10:00, ``PT8H``
from Friday 15:00 ends Monday 16:30 (7-hour days with a lunch break).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from gongwen.conf import gongwen_settings
from gongwen.runtime.calendar.models import Holiday, Source

#: How far ahead a search for working days may go before the calendar is declared broken.
MAX_SEARCH_DAYS = 3660


def working_hours() -> list[tuple[time, time]]:
    """Return the configured working intervals of a day, validated and in order.

    Raises:
        ValueError: an interval is malformed, empty or overlaps the one before.
    """
    intervals = []
    for pair in gongwen_settings.WORKDAY_HOURS:
        try:
            start, end = (time.fromisoformat(value) for value in pair)
        except (TypeError, ValueError):
            raise ValueError(f"WORKDAY_HOURS: not a pair of HH:MM times: {pair!r}") from None
        if start >= end or (intervals and start < intervals[-1][1]):
            raise ValueError(f"WORKDAY_HOURS: intervals must be ordered and disjoint: {pair!r}")
        intervals.append((start, end))
    if not intervals:
        raise ValueError("WORKDAY_HOURS is empty")
    return intervals


def day_length() -> timedelta:
    """Return the working time of one working day."""
    return sum((_span(s, e) for s, e in working_hours()), timedelta())


def add_working_time(
    start: datetime, duration: timedelta, *, working_time: bool = True
) -> datetime:
    """Return the instant ``duration`` after ``start`` (aware), in working or calendar time.

    Args:
        start: an aware datetime.
        duration: non-negative; days count as working days when ``working_time``.
        working_time: ``False`` adds plain calendar time.

    Raises:
        ValueError: ``start`` is naive, ``duration`` negative, or no working day is found.
    """
    if timezone.is_naive(start):
        raise ValueError("start must be timezone-aware")
    if duration < timedelta(0):
        raise ValueError("duration must not be negative")
    if not working_time:
        return start + duration
    return add_working_span(start, working_span(duration))


def working_span(duration: timedelta) -> timedelta:
    """Return ``duration`` as an amount of working time: its days as whole working days."""
    return duration.days * day_length() + (duration - timedelta(days=duration.days))


def add_working_span(start: datetime, span: timedelta) -> datetime:
    """Return the instant ``span`` of working time (already converted) after ``start``.

    Raises:
        ValueError: ``start`` is naive, ``span`` negative, or no working day is found.
    """
    if timezone.is_naive(start):
        raise ValueError("start must be timezone-aware")
    if span < timedelta(0):
        raise ValueError("duration must not be negative")
    zone = ZoneInfo(gongwen_settings.WORK_TIMEZONE)
    return _walk(start.astimezone(zone), span, zone)


def is_working_day(day: date, overrides: dict[date, bool] | None = None) -> bool:
    """Return whether ``day`` is a working day: its holiday row (local first), else weekday."""
    if overrides is None:
        overrides = _overrides(day, day)
    if day in overrides:
        return overrides[day]
    return day.weekday() < 5


def _walk(local: datetime, remaining: timedelta, zone: ZoneInfo) -> datetime:
    intervals = working_hours()
    day = local.date()
    window_end = day - timedelta(days=1)
    overrides: dict[date, bool] = {}
    for _ in range(MAX_SEARCH_DAYS):
        if day > window_end:  # fetch the holiday rows a chunk at a time (one query each)
            window_end = day + timedelta(days=max(62, remaining.days * 3))
            overrides = _overrides(day, window_end)
        if is_working_day(day, overrides):
            for begin, end in intervals:
                lo = max(datetime.combine(day, begin, zone), local)
                hi = datetime.combine(day, end, zone)
                if lo > hi:
                    continue
                if remaining <= hi - lo:
                    return (lo + remaining).astimezone(local.tzinfo)
                remaining -= hi - lo
        day += timedelta(days=1)
    raise ValueError("No working day found within ten years: check the holiday calendar.")


def _overrides(first: date, last: date) -> dict[date, bool]:
    rows = Holiday.objects.filter(date__range=(first, last)).values_list(
        "date", "is_workday", "source"
    )
    found: dict[date, bool] = {}
    for day, is_workday, source in rows:
        # A county's own row decides its date, whatever the national schedule says.
        if source == Source.LOCAL or day not in found:
            found[day] = is_workday
    return found


def _span(start: time, end: time) -> timedelta:
    anchor = date(2000, 1, 1)
    return datetime.combine(anchor, end) - datetime.combine(anchor, start)

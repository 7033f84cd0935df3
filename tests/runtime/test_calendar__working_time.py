"""Deadlines in working time skip nights, lunch, weekends and holidays, and count 调休 days."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from gongwen.runtime.calendar.arithmetic import add_working_time, day_length, is_working_day
from gongwen.runtime.calendar.models import Holiday

SH = ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=SH)


@pytest.fixture
def holidays_2026() -> None:
    call_command("load_holidays", "--year", "2026", stdout=StringIO())


def test_a_working_day_has_seven_hours_with_the_lunch_break() -> None:
    assert day_length() == timedelta(hours=7)


def test_hours_pause_over_lunch() -> None:
    # Tue 2026-03-10, 11:00 + 2h → 1h before lunch, 1h after 13:30.
    assert add_working_time(at(2026, 3, 10, 11, 0), timedelta(hours=2)) == at(2026, 3, 10, 14, 30)


def test_hours_run_over_the_night_and_the_weekend() -> None:
    # Fri 2026-03-13, 15:00 + 8h → 2.5h on Friday, 3h + 2.5h on Monday.
    assert add_working_time(at(2026, 3, 13, 15, 0), timedelta(hours=8)) == at(2026, 3, 16, 16, 0)


def test_a_day_ends_at_the_same_working_time_next_working_day() -> None:
    assert add_working_time(at(2026, 3, 13, 10, 0), timedelta(days=1)) == at(2026, 3, 16, 10, 0)


def test_a_start_outside_working_hours_counts_from_the_next_opening() -> None:
    saturday_night = at(2026, 3, 14, 22, 0)
    assert add_working_time(saturday_night, timedelta(hours=1)) == at(2026, 3, 16, 10, 0)
    lunch = at(2026, 3, 16, 12, 30)
    assert add_working_time(lunch, timedelta(minutes=30)) == at(2026, 3, 16, 14, 0)


def test_national_holidays_are_skipped(holidays_2026) -> None:
    # Wed 2026-09-30 17:00 + 1h: 30 min that day, then 国庆 1–7 Oct; Thu 8 Oct is a workday.
    due = add_working_time(at(2026, 9, 30, 17, 0), timedelta(hours=1))
    assert due == at(2026, 10, 8, 9, 30)


def test_make_up_working_days_on_weekends_count(holidays_2026) -> None:
    # Fri 2026-10-09 17:00 + 1h → Sat 10 Oct is a 调休 working day.
    assert add_working_time(at(2026, 10, 9, 17, 0), timedelta(hours=1)) == at(2026, 10, 10, 9, 30)
    assert is_working_day(date(2026, 2, 14))  # Saturday before 春节
    assert not is_working_day(date(2026, 2, 16))  # Monday in 春节


def test_the_spring_festival_week_is_one_long_pause(holidays_2026) -> None:
    # Sat 14 Feb (调休) 17:00 + 1 day → 15–23 Feb off → the same working time on 24 Feb.
    assert add_working_time(at(2026, 2, 14, 17, 0), timedelta(days=1)) == at(2026, 2, 24, 17, 0)


def test_working_time_crosses_the_new_year(holidays_2026) -> None:
    Holiday.objects.create(date=date(2027, 1, 1), is_workday=False, name="元旦")
    # Thu 2026-12-31 17:00 + 2h: 30 min; Fri 1 Jan 2027 holiday; weekend; Mon 4 Jan.
    due = add_working_time(at(2026, 12, 31, 17, 0), timedelta(hours=2))
    assert due == at(2027, 1, 4, 10, 30)


def test_plain_calendar_time_ignores_the_calendar(holidays_2026) -> None:
    start = at(2026, 10, 1, 8, 0)
    assert add_working_time(start, timedelta(days=2), working_time=False) == start + timedelta(2)


def test_the_result_keeps_the_callers_time_zone() -> None:
    start = datetime(2026, 3, 10, 1, 0, tzinfo=ZoneInfo("UTC"))  # 09:00 in Shanghai
    due = add_working_time(start, timedelta(hours=1))
    assert due == datetime(2026, 3, 10, 2, 0, tzinfo=ZoneInfo("UTC"))


@pytest.mark.parametrize(
    ("start", "duration"),
    [(datetime(2026, 3, 10, 9, 0), timedelta(hours=1)), (at(2026, 3, 10, 9), timedelta(-1))],
)
def test_naive_starts_and_negative_durations_are_refused(start, duration) -> None:
    with pytest.raises(ValueError):
        add_working_time(start, duration)


def test_overlapping_working_hours_are_refused(settings) -> None:
    settings.GONGWEN = {"WORKDAY_HOURS": [("09:00", "12:00"), ("11:00", "13:00")]}
    with pytest.raises(ValueError, match="WORKDAY_HOURS"):
        add_working_time(at(2026, 3, 9, 9), timedelta(hours=1))


@pytest.mark.parametrize(
    ("setting", "code"),
    [
        ({"WORKDAY_HOURS": [("17:00", "09:00")]}, "gongwen.E201"),
        ({"WORKDAY_HOURS": [("nine", "noon")]}, "gongwen.E201"),
        ({"WORK_TIMEZONE": "Mars/Olympus"}, "gongwen.E202"),
    ],
)
def test_system_checks_report_bad_working_time_settings(settings, setting, code) -> None:
    from gongwen.runtime.calendar.checks import check_working_time

    assert check_working_time() == []
    settings.GONGWEN = setting
    assert [m.id for m in check_working_time()] == [code]

"""The shipped holidays are chinese-calendar's, refreshed in bulk; local rows sit beside and win."""

from __future__ import annotations

import importlib
from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import chinese_calendar
import pytest
from django.apps import apps
from django.contrib import admin
from django.core.management import call_command
from django.core.management.base import CommandError

from gongwen.runtime.calendar.admin import HolidayAdmin, HolidayForm
from gongwen.runtime.calendar.arithmetic import add_working_time, is_working_day
from gongwen.runtime.calendar.models import Holiday, Source
from gongwen.runtime.calendar.shipped import covered_years, national_days

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")


def load(*args: str) -> str:
    out = StringIO()
    call_command("load_holidays", *args, stdout=out)
    return out.getvalue()


def rows(source: Source) -> dict[date, tuple[bool, str]]:
    found = Holiday.objects.filter(source=source).values_list("date", "is_workday", "name")
    return {day: (is_workday, name) for day, is_workday, name in found}


def every_day(years: range) -> list[date]:
    first, last = date(years[0], 1, 1), date(years[-1], 12, 31)
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def test_every_day_the_package_names_has_its_row_and_no_other_row_is_shipped() -> None:
    load()
    expected = {}
    for day in every_day(covered_years()):
        on_holiday, festival = chinese_calendar.get_holiday_detail(day)
        if festival is not None:
            name = chinese_calendar.Holiday(festival).chinese
            expected[day] = (not on_holiday, name if on_holiday else f"{name}调休")
    assert rows(Source.SHIPPED) == expected
    assert {2004, 2026} <= set(covered_years())


def test_the_arithmetic_agrees_with_the_package_on_every_covered_day() -> None:
    load()
    overrides = dict(Holiday.objects.values_list("date", "is_workday"))
    disagree = [
        day
        for day in every_day(covered_years())
        if is_working_day(day, overrides) != chinese_calendar.is_workday(day)
    ]
    assert disagree == []


def test_names_are_the_festivals_chinese_names() -> None:
    load("--year", "2015-2026")
    names = {day: name for day, (_, name) in rows(Source.SHIPPED).items()}
    assert names[date(2026, 10, 1)] == "国庆节"
    assert names[date(2026, 2, 17)] == "春节"
    assert names[date(2026, 2, 14)] == "春节调休"
    assert names[date(2015, 9, 3)].startswith("中国人民抗日战争")


def test_loading_twice_changes_nothing() -> None:
    first = load()
    before = list(Holiday.objects.values_list("pk", "date", "is_workday", "name", "source"))
    second = load()
    assert list(Holiday.objects.values_list("pk", "date", "is_workday", "name", "source")) == before
    assert f"{len(before)} created" in first
    assert f"0 created, 0 updated, 0 removed, {len(before)} unchanged" in second


def test_a_year_range_loads_those_years_only() -> None:
    out = load("--year", "2025-2026")
    assert {day.year for day in rows(Source.SHIPPED)} == {2025, 2026}
    assert "holidays 2025–2026 (chinese-calendar " in out


@pytest.mark.parametrize(
    ("which", "message"),
    [("after", "covers"), ("before", "covers"), ("backwards", "invalid year_range value")],
)
def test_years_the_package_does_not_cover_are_refused(which: str, message: str) -> None:
    covered = covered_years()
    asked = {
        "after": f"{covered[-1]}-{covered[-1] + 1}",
        "before": str(covered[0] - 1),
        "backwards": "2026-2025",
    }[which]
    with pytest.raises(CommandError, match=message):
        load("--year", asked)
    assert not Holiday.objects.exists()


def test_reloading_refreshes_shipped_rows_and_leaves_local_ones_alone() -> None:
    load("--year", "2026")
    # As an older edition of the package might have had it: one day different, one too many.
    Holiday.objects.filter(date=date(2026, 10, 1)).update(is_workday=True, name="国庆")
    Holiday.objects.create(date=date(2026, 3, 10), name="旧数据", source=Source.SHIPPED)
    Holiday.objects.create(date=date(2026, 3, 11), name="县庆")
    Holiday.objects.create(date=date(2026, 10, 1), name="值班", is_workday=True)
    local = rows(Source.LOCAL)

    out = load("--year", "2026")

    assert "0 created, 1 updated, 1 removed" in out
    assert rows(Source.SHIPPED) == national_days(range(2026, 2027))
    assert rows(Source.LOCAL) == local


def test_a_local_row_wins_over_the_national_schedule_and_yields_when_removed() -> None:
    load("--year", "2026")
    Holiday.objects.create(date=date(2026, 2, 14), name="县里不调休")  # a 调休 Saturday
    Holiday.objects.create(date=date(2026, 10, 7), name="值班", is_workday=True)  # in 国庆
    Holiday.objects.create(date=date(2026, 10, 8), name="县庆")  # an ordinary Thursday
    assert not is_working_day(date(2026, 2, 14))
    assert is_working_day(date(2026, 10, 7))
    assert not is_working_day(date(2026, 10, 8))
    # Wed 30 Sep 17:00 + 1h: 30 min, 1–6 Oct off, Wed 7 Oct worked locally.
    due = add_working_time(datetime(2026, 9, 30, 17, tzinfo=SH), timedelta(hours=1))
    assert due == datetime(2026, 10, 7, 9, 30, tzinfo=SH)

    Holiday.objects.filter(source=Source.LOCAL).delete()

    assert is_working_day(date(2026, 2, 14))
    assert not is_working_day(date(2026, 10, 7))
    assert is_working_day(date(2026, 10, 8))


def test_shipped_and_local_rows_are_read_in_one_query(django_assert_num_queries) -> None:
    load("--year", "2026")
    Holiday.objects.create(date=date(2026, 10, 7), name="值班", is_workday=True)
    with django_assert_num_queries(1):
        add_working_time(datetime(2026, 9, 30, 17, tzinfo=SH), timedelta(days=3))


def test_the_admin_edits_local_rows_only_and_one_per_date(rf, admin_user) -> None:
    load("--year", "2026")
    model_admin = HolidayAdmin(Holiday, admin.site)
    request = rf.get("/")
    request.user = admin_user
    national = Holiday.objects.get(date=date(2026, 10, 1))
    assert not model_admin.has_change_permission(request, national)
    assert not model_admin.has_delete_permission(request, national)

    form = HolidayForm(data={"date": "2026-10-01", "name": "值班", "is_workday": "on"})
    local = form.save()
    assert local.source == Source.LOCAL
    assert model_admin.has_change_permission(request, local)
    assert not HolidayForm(data={"date": "2026-10-01", "name": "again"}).is_valid()


def test_the_migration_marks_the_rows_of_the_old_hand_typed_schedule_shipped() -> None:
    migration = importlib.import_module("gongwen.runtime.calendar.migrations.0002_holiday_source")
    Holiday.objects.create(date=date(2026, 2, 14), is_workday=True, name="春节调休")
    Holiday.objects.create(date=date(2026, 4, 4), name="清明节")
    Holiday.objects.create(date=date(2026, 4, 7), name="清明节")  # not the old schedule's day
    Holiday.objects.create(date=date(2026, 3, 11), name="县庆")

    migration.mark_old_schedule_shipped(apps, None)

    assert sorted(rows(Source.SHIPPED)) == [date(2026, 2, 14), date(2026, 4, 4)]

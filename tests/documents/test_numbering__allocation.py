"""Allocation hands out 1, 2, 3 … per series and year, and a failed action gives its number back."""

from datetime import UTC, datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongwen.documents.numbering import services
from gongwen.documents.numbering.exceptions import (
    InactiveSeries,
    InvalidYear,
    KindMismatch,
    UnknownSeries,
)
from gongwen.documents.numbering.models import IssuedNumber, NumberSeries, NumberStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(django_user_model):
    return django_user_model.objects.create(username="clerk")


@pytest.fixture
def series():
    return NumberSeries.objects.create(key="县政办发", organ_code="县政办发")


def test_numbers_run_one_two_three_with_their_text(series, clerk) -> None:
    numbers = [services.allocate("县政办发", year=2026, by=clerk, target="t") for _ in range(3)]
    assert [n.text for n in numbers] == [
        "县政办发〔2026〕1号",
        "县政办发〔2026〕2号",
        "县政办发〔2026〕3号",
    ]
    assert {n.status for n in numbers} == {NumberStatus.ISSUED}
    assert numbers[0].issued_by == clerk and numbers[0].target == "t"


def test_each_year_starts_again_at_one(series, clerk) -> None:
    services.allocate("县政办发", year=2026, by=clerk)
    services.allocate("县政办发", year=2026, by=clerk)
    assert services.allocate("县政办发", year=2027, by=clerk).text == "县政办发〔2027〕1号"


def test_a_series_that_never_restarts_runs_on_into_the_next_year(clerk) -> None:
    NumberSeries.objects.create(key="long", organ_code="县档发", reset_yearly=False)
    services.allocate("long", year=2026, by=clerk)
    assert services.allocate("long", year=2027, by=clerk).text == "县档发〔2027〕2号"


def test_default_year_is_the_year_in_shanghai(series, clerk, monkeypatch) -> None:
    # 31 Dec 2026 16:30 UTC is already 1 Jan 2027 in Asia/Shanghai.
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 12, 31, 16, 30, tzinfo=UTC))
    assert services.allocate("县政办发", by=clerk).year == 2027


def test_a_failed_action_after_allocation_consumes_no_number(series, clerk) -> None:
    services.allocate("县政办发", year=2026, by=clerk)
    with pytest.raises(RuntimeError), transaction.atomic():
        taken = services.allocate("县政办发", year=2026, by=clerk)
        assert taken.sequence == 2
        raise RuntimeError("seal step failed")
    assert services.allocate("县政办发", year=2026, by=clerk).sequence == 2
    assert list(IssuedNumber.objects.values_list("sequence", flat=True)) == [1, 2]


def test_unknown_inactive_series_and_bad_years_take_nothing(series, clerk) -> None:
    NumberSeries.objects.create(key="off", organ_code="县财发", is_active=False)
    with pytest.raises(UnknownSeries):
        services.allocate("县政发", by=clerk)
    with pytest.raises(InactiveSeries):
        services.allocate("off", by=clerk)
    for year in (26, 0, "2026", True):
        with pytest.raises(InvalidYear):
            services.allocate("县政办发", year=year, by=clerk)
    assert not IssuedNumber.objects.exists()


def test_the_database_refuses_a_duplicate_number(series, clerk) -> None:
    first = services.allocate("县政办发", year=2026, by=clerk)
    with pytest.raises(IntegrityError), transaction.atomic():
        IssuedNumber.objects.create(
            series=series, year=2026, sequence=first.sequence, text="x", status="issued"
        )


def test_series_lookup_for_definitions_sees_active_series_only(series) -> None:
    from gongwen.definitions.registries import numbering_series_exists

    NumberSeries.objects.create(key="off", organ_code="县财发", is_active=False)
    assert numbering_series_exists("县政办发")
    assert not numbering_series_exists("off")
    assert not numbering_series_exists("县教发")


def test_a_series_for_one_kind_refuses_another_kind(clerk) -> None:
    NumberSeries.objects.create(key="县政办函", organ_code="县政办函", kind="函")
    with pytest.raises(KindMismatch):
        services.allocate("县政办函", year=2026, by=clerk, kind="通知")
    assert not IssuedNumber.objects.exists()
    assert services.allocate("县政办函", year=2026, by=clerk, kind="函").sequence == 1

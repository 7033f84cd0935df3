"""预留号 are held for a leader and consumed by allocation; voided numbers are never reused."""

import pytest
from django.db import IntegrityError, transaction

from gongwen.documents.numbering import services
from gongwen.documents.numbering.exceptions import InvalidReservation, InvalidVoid
from gongwen.documents.numbering.models import IssuedNumber, NumberSeries, NumberStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(django_user_model):
    return {n: django_user_model.objects.create(username=n) for n in ("clerk", "leader", "other")}


@pytest.fixture(autouse=True)
def series():
    return NumberSeries.objects.create(key="县政发", organ_code="县政发")


def test_a_reservation_takes_the_next_number_now(people) -> None:
    held = services.reserve("县政发", for_user=people["leader"], by=people["clerk"], year=2026)
    assert (held.sequence, held.status, held.reserved_for) == (
        1,
        NumberStatus.RESERVED,
        people["leader"],
    )
    assert services.allocate("县政发", year=2026, by=people["clerk"]).sequence == 2


def test_allocating_for_the_leader_consumes_the_reservation(people) -> None:
    held = services.reserve("县政发", for_user=people["leader"], by=people["clerk"], year=2026)
    services.allocate("县政发", year=2026, by=people["clerk"])
    used = services.allocate(
        "县政发", year=2026, by=people["clerk"], use_reservation=people["leader"], target="doc-9"
    )
    assert (used.pk, used.status, used.target) == (held.pk, NumberStatus.ISSUED, "doc-9")
    assert IssuedNumber.objects.count() == 2


def test_without_a_reservation_the_user_gets_the_next_number(people) -> None:
    services.reserve("县政发", for_user=people["leader"], by=people["clerk"], year=2026)
    taken = services.allocate(
        "县政发", year=2026, by=people["clerk"], use_reservation=people["other"]
    )
    assert taken.sequence == 2


def test_a_named_reservation_must_be_a_reserved_number_of_the_series(people) -> None:
    issued = services.allocate("县政发", year=2026, by=people["clerk"])
    with pytest.raises(InvalidReservation):
        services.allocate("县政发", year=2026, by=people["clerk"], use_reservation=issued)
    held = services.reserve("县政发", for_user=people["leader"], by=people["clerk"], year=2026)
    with pytest.raises(InvalidReservation):
        services.allocate("县政发", year=2027, by=people["clerk"], use_reservation=held)
    assert services.allocate("县政发", year=2026, by=people["clerk"], use_reservation=held) == held


def test_a_voided_number_is_recorded_and_never_handed_out_again(people) -> None:
    first = services.allocate("县政发", year=2026, by=people["clerk"])
    voided = services.void(first, reason="印制错误", by=people["leader"])
    assert (voided.status, voided.reason, voided.voided_by) == (
        "voided",
        "印制错误",
        people["leader"],
    )
    assert voided.voided_at is not None
    assert services.allocate("县政发", year=2026, by=people["clerk"]).sequence == 2


def test_a_void_needs_a_reason_and_happens_once(people) -> None:
    number = services.allocate("县政发", year=2026, by=people["clerk"])
    with pytest.raises(InvalidVoid):
        services.void(number, reason="  ", by=people["clerk"])
    number.refresh_from_db()
    assert number.status == NumberStatus.ISSUED
    services.void(number, reason="重复", by=people["clerk"])
    with pytest.raises(InvalidVoid):
        services.void(number, reason="again", by=people["clerk"])


def test_an_unused_reservation_can_be_voided(people) -> None:
    held = services.reserve("县政发", for_user=people["leader"], by=people["clerk"], year=2026)
    services.void(held, reason="领导未使用", by=people["clerk"])
    taken = services.allocate(
        "县政发", year=2026, by=people["clerk"], use_reservation=people["leader"]
    )
    assert taken.sequence == 2


def test_the_database_refuses_a_void_without_reason(people) -> None:
    number = services.allocate("县政发", year=2026, by=people["clerk"])
    with pytest.raises(IntegrityError), transaction.atomic():
        IssuedNumber.objects.filter(pk=number.pk).update(status="voided", reason="")


def test_a_reservation_made_for_a_target_is_consumed_by_that_target(people) -> None:
    services.reserve(
        "县政发", for_user=people["leader"], by=people["clerk"], year=2026, target="会议纪要"
    )
    services.allocate("县政发", year=2026, by=people["clerk"], use_reservation="别的")
    used = services.allocate("县政发", year=2026, by=people["clerk"], use_reservation="会议纪要")
    assert (used.sequence, used.status) == (1, NumberStatus.ISSUED)

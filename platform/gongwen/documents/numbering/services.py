"""Allocate, reserve and void 发文字号 with no gaps and no duplicates, even under concurrency.

Every call runs in ``transaction.atomic()`` and joins the caller's transaction when there is
one: if the caller's action fails after taking a number, the whole transaction rolls back and
the number was never taken. Serialisation comes from the row lock on :class:`SeriesCounter`
(``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite the settings open every transaction with
``BEGIN IMMEDIATE``, which takes the database write lock before the first read).
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongwen.documents.numbering.exceptions import (
    InactiveSeries,
    InvalidReservation,
    InvalidVoid,
    InvalidYear,
    KindMismatch,
    UnknownSeries,
)
from gongwen.documents.numbering.formats import format_number
from gongwen.documents.numbering.models import (
    IssuedNumber,
    NumberSeries,
    NumberStatus,
    SeriesCounter,
)
from gongwen.org.queries import role_members

SHANGHAI = ZoneInfo("Asia/Shanghai")
#: The role of whoever keeps the registers (may reserve and void numbers).
REGISTRAR_ROLE = "registrar"


def today_year() -> int:
    """Return the current year in Asia/Shanghai (a number taken on 1 January is the new year's)."""
    return timezone.now().astimezone(SHANGHAI).year


def series_exists(key: str) -> bool:
    """Return whether an active series has ``key`` (the definitions validator's lookup)."""
    return isinstance(key, str) and NumberSeries.objects.filter(key=key, is_active=True).exists()


def may_manage_numbers(user: Any) -> bool:
    """Return whether ``user`` may reserve and void numbers: a registrar or an administrator.

    A registrar holds a post with the role ``registrar`` (文书, 收发员: who keeps the
    registers). The public entries are the actions
    :class:`gongwen.documents.actions.ReserveNumber` and ``VoidNumber``.
    """
    if user is None or not getattr(user, "is_active", False) or user.is_anonymous:
        return False
    return bool(user.is_superuser) or role_members(REGISTRAR_ROLE).filter(pk=user.pk).exists()


def check_reservation(series_key: str, *, year: int | None = None) -> None:
    """Raise why a number of ``series_key`` cannot be reserved for ``year`` now (read-only).

    Raises:
        UnknownSeries, InactiveSeries, InvalidYear.
    """
    _checked_year(year)
    _active_series(series_key)


def allocate(
    series_key: str,
    *,
    by: AbstractBaseUser | None,
    target: str = "",
    document_id: int | None = None,
    year: int | None = None,
    kind: str | None = None,
    use_reservation: IssuedNumber | AbstractBaseUser | str | None = None,
) -> IssuedNumber:
    """Issue the next number of a series (or consume a reservation) and return it.

    Args:
        series_key: the series' key.
        by: who takes the number (recorded).
        target: a free reference to what the number is for (until documents are models).
        document_id: the document's id, when there is one.
        year: the year to number in; default the current year in Asia/Shanghai.
        kind: the document's kind; refused if the series is configured for another kind.
        use_reservation: a reserved :class:`IssuedNumber` to consume; or a user, or a target
            string: then the oldest reservation held for that user (or made for that target)
            in the series and year is consumed if there is one, else the next number is taken.

    Raises:
        UnknownSeries, InactiveSeries, KindMismatch, InvalidReservation, InvalidYear: nothing
            is taken.
    """
    year = _checked_year(year)
    with transaction.atomic():
        series = _active_series(series_key)
        if kind is not None and series.kind and str(kind) != series.kind:
            raise KindMismatch(f"series {series.key!r} numbers {series.kind}, not {kind}")
        reserved = _reservation(series, year, use_reservation)
        if reserved is not None:
            return _consume(reserved, by=by, target=target, document_id=document_id)
        return _take_next(
            series, year, NumberStatus.ISSUED, by=by, target=target, document_id=document_id
        )


def reserve(
    series_key: str,
    *,
    for_user: AbstractBaseUser,
    by: AbstractBaseUser | None,
    year: int | None = None,
    target: str = "",
) -> IssuedNumber:
    """Take the next number now and hold it for ``for_user`` (预留号).

    The public entry is the action :class:`gongwen.documents.actions.ReserveNumber` (who may,
    the audit event); this is what it runs.

    Raises:
        UnknownSeries, InactiveSeries, InvalidYear: nothing is taken.
    """
    year = _checked_year(year)
    with transaction.atomic():
        series = _active_series(series_key)
        return _take_next(
            series, year, NumberStatus.RESERVED, by=by, target=target, reserved_for=for_user
        )


def void(number: IssuedNumber, *, reason: str, by: AbstractBaseUser | None) -> IssuedNumber:
    """Record ``number`` as voided with ``reason``; it is never handed out again.

    The public entry is the action :class:`gongwen.documents.actions.VoidNumber` (who may,
    the audit event); this is what it runs.

    Raises:
        InvalidVoid: for a blank reason or a number that is already voided.
    """
    reason = (reason or "").strip()
    if not reason:
        raise InvalidVoid("a void needs a reason")
    with transaction.atomic():
        locked = IssuedNumber.objects.select_for_update().get(pk=number.pk)
        if locked.status == NumberStatus.VOIDED:
            raise InvalidVoid(f"{locked.text} is already voided")
        locked.status = NumberStatus.VOIDED
        locked.reason = reason
        locked.voided_by = by
        locked.voided_at = timezone.now()
        locked.save(update_fields=["status", "reason", "voided_by", "voided_at"])
    return locked


# --- internals ---------------------------------------------------------------------------------
def _checked_year(year: int | None) -> int:
    if year is None:
        return today_year()
    if isinstance(year, bool) or not isinstance(year, int) or not 1000 <= year <= 9999:
        raise InvalidYear(f"year must be a four-digit integer, not {year!r}")
    return year


def _active_series(key: str) -> NumberSeries:
    try:
        series = NumberSeries.objects.get(key=key)
    except NumberSeries.DoesNotExist:
        raise UnknownSeries(f"no number series {key!r}") from None
    if not series.is_active:
        raise InactiveSeries(f"number series {key!r} is not active")
    return series


def _locked_counter(series: NumberSeries, year: int) -> SeriesCounter:
    """Return the counter row for (series, year), locked; create it on first use."""
    counter_year = series.counter_year(year)
    rows = SeriesCounter.objects.select_for_update()
    try:
        return rows.get(series=series, year=counter_year)
    except SeriesCounter.DoesNotExist:
        pass
    try:
        # A savepoint, so a concurrent creator's unique violation leaves our transaction usable.
        with transaction.atomic():
            return SeriesCounter.objects.create(series=series, year=counter_year)
    except IntegrityError:
        # The other creator committed first (PostgreSQL waited for it): lock its row.
        return rows.get(series=series, year=counter_year)


def _take_next(
    series: NumberSeries,
    year: int,
    status: NumberStatus,
    *,
    by: AbstractBaseUser | None,
    target: str,
    document_id: int | None = None,
    reserved_for: AbstractBaseUser | None = None,
) -> IssuedNumber:
    counter = _locked_counter(series, year)
    counter.last_sequence += 1
    counter.save(update_fields=["last_sequence"])
    return IssuedNumber.objects.create(
        series=series,
        year=year,
        sequence=counter.last_sequence,
        text=format_number(series.organ_code, year, counter.last_sequence),
        status=status,
        issued_by=by,
        reserved_for=reserved_for,
        target=target,
        document_id=document_id,
    )


def _reservation(
    series: NumberSeries, year: int, wanted: IssuedNumber | AbstractBaseUser | str | None
) -> IssuedNumber | None:
    if wanted is None:
        return None
    if isinstance(wanted, IssuedNumber):
        found = (
            IssuedNumber.objects.select_for_update()
            .filter(pk=wanted.pk, series=series, year=year, status=NumberStatus.RESERVED)
            .first()
        )
        if found is None:
            raise InvalidReservation(f"{wanted.text} is not a reservation of {series.key}/{year}")
        return found
    held = IssuedNumber.objects.select_for_update().filter(
        series=series, year=year, status=NumberStatus.RESERVED
    )
    if isinstance(wanted, str):
        held = held.filter(target=wanted) if wanted else held.none()
    else:
        held = held.filter(reserved_for=wanted)
    return held.order_by("sequence").first()


def _consume(
    number: IssuedNumber, *, by: AbstractBaseUser | None, target: str, document_id: int | None
) -> IssuedNumber:
    number.status = NumberStatus.ISSUED
    number.issued_by = by
    number.issued_at = timezone.now()
    number.target = target or number.target
    number.document_id = document_id
    number.save(update_fields=["status", "issued_by", "issued_at", "target", "document_id"])
    return number


__all__ = [
    "allocate",
    "check_reservation",
    "may_manage_numbers",
    "reserve",
    "series_exists",
    "today_year",
    "void",
]

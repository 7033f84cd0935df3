"""Errors of the numbering services; each carries a stable ``code`` and its HTTP ``status``."""

from __future__ import annotations

from gongwen.errors import GongwenError, InvalidRequest, Missing, StateConflict


class NumberingError(GongwenError):
    """Base class: a numbering request that was refused (nothing was changed)."""

    code = "numbering.error"


class UnknownSeries(NumberingError, Missing, LookupError):
    """No series has this key."""

    code = "numbering.unknown_series"


class InactiveSeries(NumberingError, StateConflict):
    """The series exists but is switched off."""

    code = "numbering.inactive_series"


class InvalidReservation(NumberingError, InvalidRequest):
    """The reservation given is not a reserved number of this series and year."""

    code = "numbering.invalid_reservation"


class InvalidVoid(NumberingError, InvalidRequest, ValueError):
    """A void without a reason, or of a number already voided."""

    code = "numbering.invalid_void"


class InvalidYear(NumberingError, InvalidRequest, ValueError):
    """A year that is not four digits."""

    code = "numbering.invalid_year"


class KindMismatch(NumberingError, StateConflict):
    """The series is configured for one kind and the document is of another."""

    code = "numbering.kind_mismatch"

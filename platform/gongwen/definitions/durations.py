"""ISO 8601 durations as definitions use them: weeks, days, hours, minutes, seconds.

Years and months are refused on purpose: their length depends on the calendar, and a deadline
must be a fixed amount of (working) time. No library in our dependencies parses durations to
``timedelta``, and the accepted grammar is one regular expression, so it is written here.
"""

from __future__ import annotations

import re
from datetime import timedelta

#: The longest deadline: a year. Counted in working time its days are working days, which the
#: working-day calendar places within its ten-year search (runtime ``MAX_SEARCH_DAYS``).
MAX_DEADLINE = timedelta(days=366)

_DURATION = re.compile(
    r"P(?:(?P<weeks>[0-9]{1,4})W)?(?:(?P<days>[0-9]{1,5})D)?"
    r"(?:T(?=[0-9])(?:(?P<hours>[0-9]{1,6})H)?(?:(?P<minutes>[0-9]{1,7})M)?"
    r"(?:(?P<seconds>[0-9]{1,9})S)?)?"
)


def parse_duration(text: object) -> timedelta | None:
    """Return the positive duration ``text`` means, or ``None`` if it is not one.

    Args:
        text: An ISO 8601 duration such as ``"P1D"``, ``"PT4H"``, ``"P1DT2H"`` or ``"P2W"``.

    Returns:
        The duration, or ``None`` for anything else: other types, years/months, fractions,
        an empty ``"P"``/``"PT"``, zero, or a value too large for :class:`timedelta`.
    """
    if not isinstance(text, str) or len(text) > 40:
        return None
    match = _DURATION.fullmatch(text)
    if match is None or text.endswith("T"):
        return None
    parts = {name: int(value) for name, value in match.groupdict().items() if value is not None}
    if not parts:
        return None
    try:
        duration = timedelta(**parts)
    except OverflowError:
        return None
    return duration if duration > timedelta(0) else None

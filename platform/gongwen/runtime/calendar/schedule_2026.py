"""The 2026 national holiday schedule (国务院办公厅, 国办发明电〔2025〕7号) as data.

Each entry is ``(name, days off, make-up working days)``; ``manage.py load_holidays`` writes
them as :class:`~gongwen.runtime.calendar.models.Holiday` rows. Administrators correct or add
years in the admin.
"""

from __future__ import annotations

from datetime import date, timedelta


def _span(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


HOLIDAYS_2026: list[tuple[str, list[date], list[date]]] = [
    ("元旦", _span(date(2026, 1, 1), date(2026, 1, 3)), [date(2026, 1, 4)]),
    (
        "春节",
        _span(date(2026, 2, 15), date(2026, 2, 23)),
        [date(2026, 2, 14), date(2026, 2, 28)],
    ),
    ("清明节", _span(date(2026, 4, 4), date(2026, 4, 6)), []),
    ("劳动节", _span(date(2026, 5, 1), date(2026, 5, 5)), [date(2026, 5, 9)]),
    ("端午节", _span(date(2026, 6, 19), date(2026, 6, 21)), []),
    ("中秋节", _span(date(2026, 9, 25), date(2026, 9, 27)), []),
    (
        "国庆节",
        _span(date(2026, 10, 1), date(2026, 10, 7)),
        [date(2026, 9, 20), date(2026, 10, 10)],
    ),
]


def rows() -> list[tuple[date, bool, str]]:
    """Return ``(date, is_workday, name)`` for every listed day, in date order."""
    found = []
    for name, off, work in HOLIDAYS_2026:
        found += [(d, False, name) for d in off]
        found += [(d, True, f"{name}调休") for d in work]
    return sorted(found)

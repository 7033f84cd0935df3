"""System checks: the working hours and time zone deadlines are computed in must be valid."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core import checks

from gongwen.conf import gongwen_settings
from gongwen.runtime.calendar.arithmetic import working_hours


def check_working_time(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Report malformed ``WORKDAY_HOURS`` or an unknown ``WORK_TIMEZONE`` (``gongwen.E201/2``)."""
    found: list[checks.CheckMessage] = []
    try:
        working_hours()
    except (ValueError, TypeError) as error:
        found.append(checks.Error(str(error), id="gongwen.E201"))
    try:
        ZoneInfo(str(gongwen_settings.WORK_TIMEZONE))
    except (ZoneInfoNotFoundError, ValueError):
        message = f"WORK_TIMEZONE: unknown time zone {gongwen_settings.WORK_TIMEZONE!r}"
        found.append(checks.Error(message, id="gongwen.E202"))
    return found

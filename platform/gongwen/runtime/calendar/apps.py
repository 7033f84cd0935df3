"""App config for ``gongwen.runtime.calendar`` (its own app, so its tables migrate apart)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkCalendarConfig(AppConfig):
    """The ``workcalendar`` app."""

    name = "gongwen.runtime.calendar"
    label = "workcalendar"
    verbose_name = _("Working calendar")

    def ready(self) -> None:
        """Register the working-time system check."""
        from django.core import checks

        from gongwen.runtime.calendar.checks import check_working_time

        checks.register(check_working_time)

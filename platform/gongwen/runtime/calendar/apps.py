"""App config for ``gongwen.runtime.calendar`` (its own app, so its tables migrate apart)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkCalendarConfig(AppConfig):
    """The ``workcalendar`` app."""

    name = "gongwen.runtime.calendar"
    label = "workcalendar"
    verbose_name = _("Working calendar")

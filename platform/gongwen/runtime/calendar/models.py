"""Days that differ from the Monday-to-Friday week: public holidays and 调休 working days."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Holiday(models.Model):
    """A date whose working status is set by data, not by the weekday.

    ``is_workday=False``: a day off (e.g. 国庆节 on a Thursday). ``is_workday=True``: a make-up
    working day (调休, e.g. a Saturday before 春节).
    """

    date = models.DateField(_("date"), unique=True)
    is_workday = models.BooleanField(
        _("working day"),
        default=False,
        help_text=_("Checked for a make-up working day (调休) on a weekend."),
    )
    name = models.CharField(_("name"), max_length=64)

    class Meta:
        verbose_name = _("holiday or make-up working day")
        verbose_name_plural = _("holidays and make-up working days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"

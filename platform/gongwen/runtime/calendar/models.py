"""Days that differ from the Monday-to-Friday week: public holidays and 调休 working days."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    """Where a holiday row comes from; a local row wins over a shipped one on the same date."""

    SHIPPED = "shipped", _("national schedule (shipped)")
    LOCAL = "local", _("local")


class Holiday(models.Model):
    """A date whose working status is set by data, not by the weekday.

    ``is_workday=False``: a day off (e.g. 国庆节 on a Thursday). ``is_workday=True``: a make-up
    working day (调休, e.g. a Saturday before 春节). ``source`` tells the national schedule that
    ``manage.py load_holidays`` writes and refreshes (:mod:`~gongwen.runtime.calendar.shipped`)
    from the rows people add (a county's own day off); a date may have one of each, and the
    local row decides.
    """

    date = models.DateField(_("date"))
    is_workday = models.BooleanField(
        _("working day"),
        default=False,
        help_text=_("Checked for a make-up working day (调休) on a weekend."),
    )
    name = models.CharField(_("name"), max_length=64)
    source = models.CharField(
        _("source"),
        max_length=8,
        choices=Source.choices,
        default=Source.LOCAL,
        help_text=_("Shipped rows are refreshed by load_holidays; local rows win over them."),
    )

    class Meta:
        verbose_name = _("holiday or make-up working day")
        verbose_name_plural = _("holidays and make-up working days")
        ordering = ["date", "source"]
        constraints = [
            # Its index, led by the date, also serves the arithmetic's date-range reads.
            models.UniqueConstraint(fields=["date", "source"], name="workcalendar_one_per_source")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"

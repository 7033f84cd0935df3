"""Number series, their per-year counters and every number ever handed out.

The counter row is what allocation locks (``select_for_update``); the unique constraints on
:class:`IssuedNumber` are the last line of defence against a duplicate.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongwen.documents.kinds import Kind

KIND_CHOICES = [(k.value, k.value) for k in Kind]


class NumberSeries(models.Model):
    """A 发文字号 series: one 发文机关代字, counted per year (and for one kind if set)."""

    key = models.CharField(
        _("key"),
        max_length=40,
        unique=True,
        help_text=_("Stable name used by definitions; the demo uses the organ code itself."),
    )
    organ_code = models.CharField(
        _("organ code"),
        max_length=30,
        unique=True,
        help_text=_(
            "发文机关代字, e.g. 县政办发. Unique, so two series never print the same number."
        ),
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    kind = models.CharField(
        _("kind"),
        max_length=4,
        choices=KIND_CHOICES,
        blank=True,
        help_text=_("Leave empty for a series shared by every kind."),
    )
    reset_yearly = models.BooleanField(
        _("restart every year"),
        default=True,
        help_text=_("Numbers start again at 1 each year; otherwise they run on across years."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("number series")
        verbose_name_plural = _("number series")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.key

    def counter_year(self, year: int) -> int:
        """Return the counter year for ``year`` (0 when the series never restarts)."""
        return year if self.reset_yearly else 0


class SeriesCounter(models.Model):
    """The last sequence handed out in a series for a year; the row allocation locks."""

    series = models.ForeignKey(NumberSeries, on_delete=models.PROTECT, related_name="counters")
    year = models.PositiveSmallIntegerField(_("year"), help_text=_("0 = runs on across years."))
    last_sequence = models.PositiveIntegerField(_("last sequence"), default=0)

    class Meta:
        verbose_name = _("series counter")
        verbose_name_plural = _("series counters")
        constraints = [
            models.UniqueConstraint(fields=["series", "year"], name="documents_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.series_id}/{self.year}: {self.last_sequence}"


class NumberStatus(models.TextChoices):
    """Where a handed-out number stands. Nothing ever goes back to "free"."""

    ISSUED = "issued", _("Issued")
    RESERVED = "reserved", _("Reserved")
    VOIDED = "voided", _("Voided")


class IssuedNumber(models.Model):
    """One number taken from a series: issued to a document, reserved, or voided."""

    series = models.ForeignKey(
        NumberSeries, verbose_name=_("series"), on_delete=models.PROTECT, related_name="numbers"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    text = models.CharField(_("number"), max_length=60, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=NumberStatus.choices)
    reason = models.TextField(_("void reason"), blank=True)
    reserved_for = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reserved for"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    # The Document model binds later; until then a plain id and a free reference.
    document_id = models.BigIntegerField(_("document id"), null=True, blank=True, db_index=True)
    target = models.CharField(_("target"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("issued number")
        verbose_name_plural = _("issued numbers")
        ordering = ["series", "year", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "year", "sequence"], name="documents_number_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(sequence__gte=1), name="documents_number_positive"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="voided") | ~models.Q(reason=""),
                name="documents_number_void_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["series", "status", "reserved_for"])]

    def __str__(self) -> str:
        return self.text

"""分管: which leader is in charge of which departments (and so of their subunits)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Oversight(models.Model):
    """A leader in charge (分管领导) of a department and everything below it."""

    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leader"),
        on_delete=models.CASCADE,
        related_name="oversights",
    )
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("department"),
        on_delete=models.CASCADE,
        related_name="oversights",
    )

    class Meta:
        verbose_name = _("leader in charge")
        verbose_name_plural = _("leaders in charge")
        constraints = [
            models.UniqueConstraint(
                fields=["department"],
                name="org_oversight_one_per_department",
                violation_error_message=_("This department already has a leader in charge."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.leader} → {self.department}"

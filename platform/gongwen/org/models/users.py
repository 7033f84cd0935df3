"""The custom user (from migration 0001): a person with a display name and a clearance."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongwen.org.clearance import Clearance


class User(AbstractUser):
    """A member of staff. Departments and roles come through :class:`Position`."""

    display_name = models.CharField(_("full name"), max_length=50, blank=True)
    clearance = models.PositiveSmallIntegerField(
        _("clearance"),
        choices=Clearance.choices,
        default=Clearance.PUBLIC,
        help_text=_("Highest 密级 this person may read."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(clearance__gte=0, clearance__lte=3),
                name="org_user_clearance_in_range",
            )
        ]

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    def is_cleared_for(self, level: int) -> bool:
        """Return whether this person may read material of 密级 ``level``."""
        return self.clearance >= level

"""Positions: a person holds one or more posts, in one or more departments, one primary."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Position(models.Model):
    """A post held by a person in a department, carrying roles; may be the head of it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="positions",
    )
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="positions",
    )
    title = models.CharField(_("title"), max_length=50, help_text=_("e.g. 科长, 副局长"))
    roles = models.ManyToManyField("org.Role", verbose_name=_("roles"), blank=True)
    is_primary = models.BooleanField(_("primary position"), default=False)
    is_head = models.BooleanField(
        _("head of department"),
        default=False,
        help_text=_("The department's 负责人; at most one per department."),
    )
    rank = models.PositiveSmallIntegerField(
        _("rank"),
        default=100,
        help_text=_("Order within the department; lower is senior."),
    )

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["department__path", "rank", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "department", "title"], name="org_position_unique_post"
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(is_primary=True),
                name="org_position_one_primary_per_user",
                violation_error_message=_("A person can have only one primary position."),
            ),
            models.UniqueConstraint(
                fields=["department"],
                condition=models.Q(is_head=True),
                name="org_position_one_head_per_department",
                violation_error_message=_("A department can have only one head."),
            ),
        ]
        indexes = [models.Index(fields=["department", "is_head"])]

    def __str__(self) -> str:
        return f"{self.department} · {self.title} · {self.user}"

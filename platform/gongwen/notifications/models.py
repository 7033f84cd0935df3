"""One notification row per person and event; read in the app, copied by e-mail."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """Something a person should know about, e.g. a deadline reminder.

    ``process_id`` and ``task_id`` are plain numbers: this bottom-layer app must not depend on
    the runtime, which calls it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=64)
    process_id = models.PositiveBigIntegerField(_("process"), null=True, blank=True)
    task_id = models.PositiveBigIntegerField(_("task"), null=True, blank=True)
    message = models.CharField(_("message"), max_length=500)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["user", "-created_at"],
                condition=Q(read_at__isnull=True),
                name="notif_unread_by_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.user_id}"

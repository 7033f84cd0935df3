"""待阅 items: read-only copies a cc (抄送/传阅) node hands out; they never block the flow."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ReadItem(models.Model):
    """A process someone was asked to read, and when they did."""

    process = models.ForeignKey(
        "runtime.Process", verbose_name=_("process"), on_delete=models.CASCADE
    )
    node_id = models.CharField(_("node"), max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reader"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("item to read")
        verbose_name_plural = _("items to read")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["user", "-created_at", "id"],
                condition=Q(read_at__isnull=True),
                name="runtime_read_unread_by_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.process_id}/{self.node_id} → {self.user_id}"

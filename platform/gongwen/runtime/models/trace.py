"""The trace (流转记录): one row per state change of a process, in order."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TraceEntry(models.Model):
    """Who did what to which node of a process, for whom, with which opinion, when, from where."""

    process = models.ForeignKey(
        "runtime.Process", verbose_name=_("process"), on_delete=models.CASCADE, related_name="+"
    )
    task = models.ForeignKey(
        "runtime.Task",
        verbose_name=_("task"),
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
    )
    node_id = models.CharField(_("node"), max_length=64, blank=True)
    action = models.CharField(_("action"), max_length=64)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    opinion = models.TextField(_("opinion"), blank=True)
    payload = models.JSONField(_("details"), default=dict, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)
    # From where: the request's client address and user agent (empty: the system acted).
    remote_addr = models.CharField(_("IP address"), max_length=45, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("trace entry")
        verbose_name_plural = _("trace entries")
        ordering = ["process", "id"]

    def __str__(self) -> str:
        return f"{self.process_id} {self.action} {self.node_id}"

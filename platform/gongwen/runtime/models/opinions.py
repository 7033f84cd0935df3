"""Opinions (审批意见): one per task, every revision kept."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Opinion(models.Model):
    """The current opinion written on a task; its history is in :class:`OpinionRevision`."""

    task = models.OneToOneField(
        "runtime.Task", verbose_name=_("task"), on_delete=models.CASCADE, related_name="opinion"
    )
    text = models.TextField(_("opinion"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")

    def __str__(self) -> str:
        return self.text[:40]


class OpinionRevision(models.Model):
    """One saved version of an opinion, with who wrote it and for whom."""

    opinion = models.ForeignKey(
        Opinion, verbose_name=_("opinion"), on_delete=models.CASCADE, related_name="revisions"
    )
    text = models.TextField(_("opinion"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        verbose_name = _("opinion revision")
        verbose_name_plural = _("opinion revisions")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text[:40]

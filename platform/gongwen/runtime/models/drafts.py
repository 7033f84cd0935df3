"""草稿: form data and a title a drafter saved before starting a process."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Draft(models.Model):
    """A drafter's unsent document: what :class:`~gongwen.runtime.actions.SaveDraft` keeps."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafter"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    definition_key = models.CharField(_("definition"), max_length=64)
    title = models.CharField(_("title"), max_length=200, blank=True)
    urgency = models.CharField(_("urgency"), max_length=8, blank=True)
    data = models.JSONField(_("form data"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("saved at"), auto_now=True)

    class Meta:
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["owner", "-updated_at", "id"], name="runtime_draft_owner")]

    def __str__(self) -> str:
        return self.title or self.definition_key

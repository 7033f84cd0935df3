"""常用语: a person's list of phrases to pick from when writing an opinion."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CommonPhrase(models.Model):
    """One phrase of a person's 常用语 list, in the order they chose."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    text = models.CharField(_("phrase"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("common phrase")
        verbose_name_plural = _("common phrases")
        ordering = ["owner", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "text"], name="runtime_phrase_unique_text")
        ]

    def __str__(self) -> str:
        return self.text

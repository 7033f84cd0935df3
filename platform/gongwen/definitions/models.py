"""Document types, their editable drafts and their immutable published versions (contract 3).

A :class:`DocumentType` (通知, 请示 …) has one editable :class:`Draft` (form + flow JSON, may be
invalid) and a series of :class:`DefinitionVersion` rows numbered 1, 2, 3 … Each version is a
snapshot of *both* documents, so a running process never sees its form or flow change.

Published versions never change and are never deleted; they are retired instead. This is
enforced twice: here (``save()``/``delete()`` and the queryset) and in the database by triggers
(migration ``0002_version_immutability``) on PostgreSQL and SQLite, so raw SQL cannot break it
either. Create versions through :func:`gongwen.definitions.versions.publish`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import IntegrityError, models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

#: Columns of a published version that may change after publishing (all others are frozen).
MUTABLE_VERSION_FIELDS = frozenset({"retired_at"})


class ImmutableVersionError(IntegrityError):
    """Refuse to change or delete a published definition version.

    A subclass of :class:`django.db.IntegrityError` because the database triggers raise that
    class for the same refusal, so one ``except`` catches both levels.
    """

    code = "definition.version_immutable"


class DocumentType(models.Model):
    """A kind of business document with its own form and flow, e.g. 通知 ``notice``."""

    key = models.SlugField(_("key"), max_length=64, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    is_retired = models.BooleanField(
        _("retired"),
        default=False,
        help_text=_("Retired document types start no new processes; their versions remain."),
    )

    class Meta:
        verbose_name = _("document type")
        verbose_name_plural = _("document types")
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.name_zh} ({self.key})"

    def display_name(self, language: str | None = None) -> str:
        """Return the name in ``language`` (the active one by default): Chinese or English.

        English falls back to the key when the type has no English name.
        """
        language = language or get_language() or settings.LANGUAGE_CODE
        if language.lower().startswith("zh"):
            return self.name_zh
        return self.name_en or self.key


class Draft(models.Model):
    """The editable working copy of a document type's form and flow (any JSON, maybe invalid)."""

    document_type = models.OneToOneField(
        DocumentType,
        verbose_name=_("document type"),
        on_delete=models.CASCADE,
        related_name="draft",
    )
    form = models.JSONField(_("form definition"), default=dict, blank=True)
    flow = models.JSONField(_("flow definition"), default=dict, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        ordering = ["document_type__key"]

    def __str__(self) -> str:
        return str(_("Draft of %(key)s") % {"key": self.document_type.key})


class DefinitionVersionQuerySet(models.QuerySet):
    """Queries over versions; bulk changes other than retiring are refused."""

    def active(self) -> DefinitionVersionQuerySet:
        """Return versions that are not retired."""
        return self.filter(retired_at__isnull=True)

    def delete(self) -> Any:
        """Refuse: published versions are never deleted (retire them)."""
        raise ImmutableVersionError(
            _("Published definition versions are never deleted; retire them instead.")
        )

    def update(self, **kwargs: Any) -> int:
        """Update ``retired_at`` only; refuse any other column."""
        _refuse_frozen(set(kwargs))
        return super().update(**kwargs)


def _refuse_frozen(fields: set[str]) -> None:
    frozen = sorted(fields - MUTABLE_VERSION_FIELDS)
    if frozen:
        raise ImmutableVersionError(
            _("A published definition version cannot change (%(fields)s); publish a new one.")
            % {"fields": ", ".join(frozen)}
        )


class DefinitionVersion(models.Model):
    """One published, immutable snapshot of a document type's form and flow."""

    document_type = models.ForeignKey(
        DocumentType,
        verbose_name=_("document type"),
        on_delete=models.PROTECT,
        related_name="versions",
    )
    version = models.PositiveIntegerField(_("version"))
    form = models.JSONField(_("form definition"))
    flow = models.JSONField(_("flow definition"))
    content_hash = models.CharField(
        _("content hash"),
        max_length=64,
        help_text=_("SHA-256 of the canonical JSON of the form and flow."),
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        # PROTECT: SET_NULL would have to rewrite a frozen row; people are deactivated instead.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    changelog = models.TextField(_("changelog"), blank=True)
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    objects = DefinitionVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("definition version")
        verbose_name_plural = _("definition versions")
        ordering = ["document_type__key", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["document_type", "version"], name="definitions_version_unique_per_type"
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="definitions_version_from_one"
            ),
        ]
        indexes = [models.Index(fields=["content_hash"], name="definitions_version_hash")]

    def __str__(self) -> str:
        return f"{self.document_type.key} v{self.version}"

    @property
    def is_retired(self) -> bool:
        """Return whether this version has been retired."""
        return self.retired_at is not None

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Insert a new version, or save ``retired_at`` of an existing one; refuse the rest."""
        if self._state.adding:
            super().save(*args, **kwargs)
            return
        update_fields = kwargs.get("update_fields")
        if update_fields is None:
            raise ImmutableVersionError(
                _("Save a published version with update_fields=['retired_at'] only.")
            )
        _refuse_frozen(set(update_fields))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        """Refuse: published versions are never deleted (retire them)."""
        raise ImmutableVersionError(
            _("Published definition versions are never deleted; retire them instead.")
        )

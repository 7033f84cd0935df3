"""委托: a person lets another act on their behalf for a period, for all or some matters.

Whoever acts through a delegation acts *on behalf of* the delegator and the record says so;
delegations do not chain (a delegate's own delegation does not pass the delegator's work on).
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

ALL_MATTERS = ""


class DelegationQuerySet(models.QuerySet):
    """Queries over delegations."""

    def in_effect(self, at: datetime) -> DelegationQuerySet:
        """Return delegations active at ``at`` (start inclusive, end exclusive, not revoked)."""
        return self.filter(starts_at__lte=at, ends_at__gt=at).filter(
            Q(revoked_at__isnull=True) | Q(revoked_at__gt=at)
        )

    def covering(self, scope: str) -> DelegationQuerySet:
        """Return delegations whose scope includes matters of ``scope`` (a document type key)."""
        return self.filter(Q(scope=ALL_MATTERS) | Q(scope=scope))


class Delegation(models.Model):
    """``delegator`` lets ``delegate`` act for them from ``starts_at`` until ``ends_at``."""

    delegator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delegator"),
        on_delete=models.CASCADE,
        related_name="delegations_given",
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delegate"),
        on_delete=models.CASCADE,
        related_name="delegations_received",
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    scope = models.CharField(
        _("scope"),
        max_length=64,
        blank=True,
        default=ALL_MATTERS,
        help_text=_("Document type key this delegation covers; empty means all matters."),
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = DelegationQuerySet.as_manager()

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(delegator=F("delegate")),
                name="org_delegation_not_to_self",
                violation_error_message=_("A person cannot delegate to themselves."),
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="org_delegation_ends_after_start",
                violation_error_message=_("A delegation must end after it starts."),
            ),
        ]
        indexes = [models.Index(fields=["delegator", "starts_at", "ends_at"])]

    def __str__(self) -> str:
        period = f"{self.starts_at:%Y-%m-%d}–{self.ends_at:%Y-%m-%d}"
        return f"{self.delegator} → {self.delegate} ({period})"

    def clean(self) -> None:
        """Reject delegation to oneself and an overlap with another of the same scope."""
        super().clean()
        if self.delegator_id and self.delegator_id == self.delegate_id:
            raise ValidationError(
                {
                    "delegate": ValidationError(
                        _("A person cannot delegate to themselves."), code="self_delegation"
                    )
                }
            )
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError(
                {
                    "ends_at": ValidationError(
                        _("A delegation must end after it starts."), code="empty_period"
                    )
                }
            )
        self._check_no_overlap()

    def _check_no_overlap(self) -> None:
        if not (self.delegator_id and self.starts_at and self.ends_at) or self.revoked_at:
            return
        clash = (
            Delegation.objects.filter(delegator_id=self.delegator_id, revoked_at__isnull=True)
            .filter(starts_at__lt=self.ends_at, ends_at__gt=self.starts_at)
            .exclude(pk=self.pk)
        )
        if self.scope != ALL_MATTERS:
            clash = clash.covering(self.scope)
        other = clash.first()
        if other is not None:
            raise ValidationError(
                _(
                    "This overlaps the delegation to %(who)s (%(start)s – %(end)s) for the same "
                    "matters."
                )
                % {
                    "who": other.delegate,
                    "start": f"{other.starts_at:%Y-%m-%d %H:%M}",
                    "end": f"{other.ends_at:%Y-%m-%d %H:%M}",
                },
                code="overlapping_delegation",
            )

    def save(self, *args, **kwargs) -> None:
        """Save after re-checking overlap under a lock on the delegator (no racing twins)."""
        with transaction.atomic():
            type(self.delegator).objects.select_for_update().filter(pk=self.delegator_id).first()
            self._check_no_overlap()
            super().save(*args, **kwargs)

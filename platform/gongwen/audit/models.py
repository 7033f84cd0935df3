"""The audit tables: append-only events and the one-row head that serialises writers."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongwen.audit.chain import GENESIS_HASH
from gongwen.audit.exceptions import AppendOnlyError

ACTION_PATTERN = r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$"
APPEND_ONLY = "audit events are append-only; record a new event instead"


def _refuse(*args: Any, **kwargs: Any) -> NoReturn:
    raise AppendOnlyError(APPEND_ONLY)


class AuditEventQuerySet(models.QuerySet):
    """Reads only: every bulk write path raises :class:`AppendOnlyError`."""

    update = _refuse
    delete = _refuse
    bulk_update = _refuse
    bulk_create = _refuse
    update_or_create = _refuse
    _raw_delete = _refuse

    def for_target(self, target_type: str, target_id: str) -> AuditEventQuerySet:
        """Return the events about one target, oldest first."""
        return self.filter(target_type=target_type, target_id=target_id).order_by("seq")


class AuditEvent(models.Model):
    """One thing that happened, linked to the event before it by ``prev_hash``.

    Write through :func:`gongwen.audit.recording.record`, never ``save()`` directly.
    """

    seq = models.PositiveBigIntegerField(_("sequence"), unique=True, editable=False)
    at = models.DateTimeField(_("time"), editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
        help_text=_("Empty for the system (timers, the background worker)."),
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events_on_behalf",
        help_text=_("The person the actor stood in for (委托)."),
    )
    action = models.CharField(
        _("action"),
        max_length=100,
        validators=[RegexValidator(ACTION_PATTERN)],
        help_text=_("Dotted name, e.g. gongwen.task.approve."),
    )
    target_type = models.CharField(_("target type"), max_length=100, blank=True)
    target_id = models.CharField(_("target id"), max_length=64, blank=True)
    payload = models.JSONField(_("payload"), default=dict, blank=True)
    remote_addr = models.CharField(_("IP address"), max_length=45, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64, editable=False)
    hash = models.CharField(_("hash"), max_length=64, unique=True, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        base_manager_name = "objects"
        ordering = ["seq"]
        indexes = [
            models.Index(fields=["target_type", "target_id", "seq"], name="audit_target_seq"),
            models.Index(fields=["actor", "seq"], name="audit_actor_seq"),
            models.Index(fields=["on_behalf_of", "seq"], name="audit_on_behalf_seq"),
            models.Index(fields=["action", "seq"], name="audit_action_seq"),
            models.Index(fields=["at"], name="audit_at"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(seq__gte=1), name="audit_seq_positive"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Insert a chained event once; refuse every later save.

        Raises:
            AppendOnlyError: the event exists already, or it was not built by ``record()``.
        """
        if not self._state.adding or not getattr(self, "_chained", False):
            raise AppendOnlyError(APPEND_ONLY)
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)
        self._chained = False

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        """Refuse: audit events are never deleted."""
        raise AppendOnlyError(APPEND_ONLY)


class AuditChainHead(models.Model):
    """The single row locked (``SELECT … FOR UPDATE``) by every writer: the chain's tip.

    It caches the last ``seq`` and ``hash`` so a writer needs no scan; the events stay the
    source of truth and ``verify_audit`` checks the head against them.
    """

    SINGLETON = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("audit chain head")
        verbose_name_plural = _("audit chain head")
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="audit_head_singleton"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash[:12]}"

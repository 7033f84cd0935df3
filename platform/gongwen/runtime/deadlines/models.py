"""One ``Deadline`` row per person's task whose node has a time limit."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongwen.definitions.specs import Escalation


class Deadline(models.Model):
    """When a task is due, when to remind, what to do after, and what has been fired.

    ``reminded_at`` and ``expired_at`` are set in the same transaction as what they fired, so
    a reminder or an escalation happens exactly once. ``settled_at`` is set when nothing more
    can fire (escalated, or the task was found finished).
    """

    task = models.OneToOneField(
        "runtime.Task", verbose_name=_("task"), on_delete=models.CASCADE, related_name="deadline"
    )
    due_at = models.DateTimeField(_("due at"))
    remind_at = models.DateTimeField(_("remind at"), null=True, blank=True)
    escalation = models.CharField(
        _("escalation"), max_length=16, choices=[(e.value, e.value) for e in Escalation]
    )
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    expired_at = models.DateTimeField(_("expired at"), null=True, blank=True)
    settled_at = models.DateTimeField(_("settled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        indexes = [
            models.Index(
                fields=["due_at"], condition=Q(settled_at__isnull=True), name="deadline_due"
            ),
            models.Index(
                fields=["remind_at"],
                condition=Q(settled_at__isnull=True, reminded_at__isnull=True),
                name="deadline_remind",
            ),
        ]

    def __str__(self) -> str:
        return f"task {self.task_id} due {self.due_at:%Y-%m-%d %H:%M}"

"""Read the trail: the events about one target, or by one person, oldest first."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from gongwen.audit.models import AuditEvent, AuditEventQuerySet
from gongwen.audit.targets import Target, target_key


def events_for(target: Target) -> AuditEventQuerySet:
    """Return the events about ``target`` (instance or ``(type, id)``) in seq order."""
    if target is None:
        return AuditEvent.objects.none()
    target_type, target_id = target_key(target)
    return AuditEvent.objects.for_target(target_type, target_id)


def events_by(actor: Any, *, include_on_behalf: bool = False) -> AuditEventQuerySet:
    """Return the events ``actor`` performed in seq order.

    With ``include_on_behalf``, also those someone else performed on the actor's behalf.
    """
    where = Q(actor=actor)
    if include_on_behalf:
        where |= Q(on_behalf_of=actor)
    return AuditEvent.objects.filter(where).order_by("seq")

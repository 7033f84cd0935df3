"""Create notifications and send their e-mail copy once the transaction commits."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from gongwen.notifications.models import Notification

log = logging.getLogger(__name__)

#: Longest message kept (the column's size).
MAX_MESSAGE_LENGTH = 500


def notify(
    users: Iterable[Any],
    kind: str,
    message: str,
    *,
    process_id: int | None = None,
    task_id: int | None = None,
    subject: str = "",
) -> list[Notification]:
    """Create one notification per distinct active user; e-mail them after commit.

    Args:
        users: recipients (``None`` entries and repeats are ignored).
        kind: dotted name of what happened, e.g. ``deadline.reminder``.
        message: the text shown in the app and sent by e-mail.
        process_id: the process it is about, if any.
        task_id: the task it is about, if any.
        subject: e-mail subject (default: the message).

    Raises:
        ValueError: ``kind`` or ``message`` is empty, or the message is too long.
    """
    if not kind or not message:
        raise ValueError("A notification needs a kind and a message.")
    if len(message) > MAX_MESSAGE_LENGTH:
        raise ValueError("The notification message is too long.")
    recipients = _distinct_active(users)
    rows = Notification.objects.bulk_create(
        Notification(user=u, kind=kind, message=message, process_id=process_id, task_id=task_id)
        for u in recipients
    )
    addresses = [u.email for u in recipients if u.email]
    if addresses:
        transaction.on_commit(lambda: _send_mail(subject or message, message, addresses))
    return rows


def mark_read(user: Any, ids: Iterable[int]) -> int:
    """Mark ``user``'s notifications ``ids`` read; return how many changed."""
    return Notification.objects.filter(user=user, pk__in=list(ids), read_at__isnull=True).update(
        read_at=timezone.now()
    )


def unread(user: Any) -> Any:
    """Return ``user``'s unread notifications, newest first."""
    return Notification.objects.filter(user=user, read_at__isnull=True)


def _distinct_active(users: Iterable[Any]) -> list[Any]:
    seen: dict[int, Any] = {}
    for user in users:
        if user is not None and user.is_active and user.pk not in seen:
            seen[user.pk] = user
    return list(seen.values())


def _send_mail(subject: str, body: str, addresses: list[str]) -> None:
    """Send one message per address; a mail failure is logged and never undoes anything."""
    for address in addresses:
        try:
            send_mail(subject[:120], body, None, [address])
        except Exception as exc:  # the in-app row is the record; mail is best effort
            # One line, no traceback: a mail server that is down is an operations fact.
            log.error("Could not e-mail a notification to %s: %r", address, exc)

"""``manage.py flush`` that respects the append-only audit trail.

Django's ``flush`` empties every table, and the audit triggers refuse to empty an audit table
that holds events. Outside tests this command says so before touching anything. Inside
Django's test environment (``setup_test_environment()``, which pytest-django and ``manage.py
test`` call) transactional tests must start from empty tables, so there — and only there — it
pauses the triggers inside the flush's own transaction. The pause is DDL, which needs the
table owner's rights: run the application as a role that does not own its tables and even
this code cannot pause them (see docs/admin/audit.md).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError
from django.core.management.commands import flush
from django.db import connections, transaction
from django.test.utils import _TestState

from gongwen.audit.models import AuditEvent
from gongwen.audit.triggers import TABLE, paused


def in_test_environment() -> bool:
    """Return whether Django's test environment is set up in this process."""
    return hasattr(_TestState, "saved_data")


def _holds_events(alias: str) -> bool:
    connection = connections[alias]
    if TABLE not in connection.introspection.table_names():
        return False
    return AuditEvent.objects.using(alias).exists()


class Command(flush.Command):
    help = (
        f"{flush.Command.help} Refuses while the audit trail holds events (it is append-only), "
        "except inside Django's test environment."
    )

    def handle(self, **options: Any) -> None:
        alias = options["database"]
        if not _holds_events(alias):
            return super().handle(**options)
        if not in_test_environment():
            raise CommandError(
                "The audit trail holds events and is append-only: flush would destroy it. "
                "Back up the database and drop it instead if you really mean to start over."
            )
        with transaction.atomic(using=alias), paused(connections[alias]):
            return super().handle(**options)

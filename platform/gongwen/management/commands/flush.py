"""``manage.py flush`` that respects the protected tables (audit trail, published versions).

Django's ``flush`` empties every table, and the triggers of :mod:`gongwen.protected_tables`
refuse to empty the audit trail or delete published definition versions. Outside tests this
command says so before touching anything. Inside Django's test environment
(``setup_test_environment()``, which pytest-django and ``manage.py test`` call) transactional
tests must start from empty tables, so there — and only there — it pauses the triggers inside
the flush's own transaction. The pause is DDL, which needs the table owner's rights: run the
application as a role that does not own its tables and even this code cannot pause them
(see docs/admin/audit.md).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError
from django.core.management.commands import flush
from django.db import connections, transaction
from django.test.utils import _TestState

from gongwen import protected_tables


def in_test_environment() -> bool:
    """Return whether Django's test environment is set up in this process."""
    return hasattr(_TestState, "saved_data")


def _tables_with_rows(alias: str) -> list[str]:
    connection = connections[alias]
    existing = set(connection.introspection.table_names())
    found = []
    with connection.cursor() as cursor:
        for table in protected_tables.registered():
            if table.table in existing:
                cursor.execute(f"SELECT 1 FROM {table.table} LIMIT 1")  # noqa: S608 (registered name)
                if cursor.fetchone():
                    found.append(table.table)
    return found


class Command(flush.Command):
    help = (
        f"{flush.Command.help} Refuses while protected tables (the append-only audit trail, "
        "published definition versions) hold rows, except inside Django's test environment."
    )

    def handle(self, **options: Any) -> None:
        alias = options["database"]
        holding = _tables_with_rows(alias)
        if not holding:
            return super().handle(**options)
        if not in_test_environment():
            raise CommandError(
                f"{', '.join(holding)} hold(s) append-only or immutable rows (the audit trail is "
                "append-only): flush would destroy them. Back up the database and drop it "
                "instead if you really mean to start over."
            )
        connection = connections[alias]
        with transaction.atomic(using=alias), protected_tables.all_paused(connection):
            return super().handle(**options)

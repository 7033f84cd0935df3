"""The audit table's triggers (0002 append-only, 0003 head-moving), via gongwen.protected_tables.

The triggers themselves are created by ``migrations/0002_append_only_triggers.py`` (the SQL is
frozen there). Gongwen's ``flush`` command pauses them only inside Django's test environment.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db.backends.base.base import BaseDatabaseWrapper

from gongwen import protected_tables

TABLE = "audit_auditevent"
EXPECTED = {
    "postgresql": frozenset(
        {"audit_event_no_change", "audit_event_no_truncate", "audit_event_moves_head"}
    ),
    "sqlite": frozenset(
        {"audit_event_no_update", "audit_event_no_delete", "audit_event_moves_head"}
    ),
}
PROTECTED = protected_tables.register(protected_tables.ProtectedTable(TABLE, EXPECTED))


def enabled_triggers(connection: BaseDatabaseWrapper) -> set[str]:
    """Return the names of the enabled user triggers on the audit table."""
    return protected_tables.enabled_triggers(connection, TABLE)


def missing_triggers(connection: BaseDatabaseWrapper) -> set[str]:
    """Return the append-only triggers this database should have and does not."""
    return protected_tables.missing_triggers(connection, PROTECTED)


@contextmanager
def paused(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Pause the append-only triggers for the enclosed statements of this transaction."""
    with protected_tables.paused(connection, TABLE):
        yield

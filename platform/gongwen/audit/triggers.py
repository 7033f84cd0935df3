"""The append-only triggers installed by migration 0002: which exist, and a test-only pause.

The triggers themselves are created by ``migrations/0002_append_only_triggers.py`` (the SQL is
frozen there); this module only looks at them and, for :mod:`the flush command
<gongwen.audit.management.commands.flush>` inside Django's test environment, pauses them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "audit_auditevent"
EXPECTED = {
    "postgresql": frozenset({"audit_event_no_change", "audit_event_no_truncate"}),
    "sqlite": frozenset({"audit_event_no_update", "audit_event_no_delete"}),
}


def enabled_triggers(connection: BaseDatabaseWrapper) -> set[str]:
    """Return the names of the enabled user triggers on the audit table."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass "
                "AND NOT tgisinternal AND tgenabled <> 'D'",
                [TABLE],
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [TABLE],
            )
        return {name for (name,) in cursor.fetchall()}


def missing_triggers(connection: BaseDatabaseWrapper) -> set[str]:
    """Return the append-only triggers this database should have and does not."""
    return set(EXPECTED.get(connection.vendor, frozenset())) - enabled_triggers(connection)


@contextmanager
def paused(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Pause the append-only triggers for the enclosed statements of this transaction.

    Needs the table owner's rights (``ALTER TABLE`` on PostgreSQL, ``DROP TRIGGER`` on
    SQLite) and an open transaction, so a failure or a crash rolls the pause back too. Only
    the test-environment flush uses it; production code never does.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("pausing the audit triggers needs an open transaction")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # ALTER TABLE is refused while deferred foreign-key checks of this transaction
            # are pending; settle them now (it also makes later ones immediate).
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER USER")
            yield
            cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER USER")
            return
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
            [TABLE],
        )
        saved = cursor.fetchall()
        for name, _sql in saved:
            cursor.execute(f'DROP TRIGGER "{name}"')
        yield
        for _name, sql in saved:
            cursor.execute(sql)

"""Tables whose rows the database itself keeps from changing (append-only, immutable).

The audit trail (every row) and published definition versions (content columns) are protected
by triggers their migrations install. This module is what is shared about them: which triggers
a table should have, which it has, a registry of protected tables, and the one test-only pause
that Gongwen's ``flush`` command uses inside Django's test environment. Production code never
pauses a trigger.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass

from django.db.backends.base.base import BaseDatabaseWrapper


@dataclass(frozen=True)
class ProtectedTable:
    """A table and the trigger names its migrations install, per database vendor."""

    table: str
    triggers: dict[str, frozenset[str]]

    def expected(self, connection: BaseDatabaseWrapper) -> frozenset[str]:
        """Return the trigger names this table should have on ``connection``'s vendor."""
        return self.triggers.get(connection.vendor, frozenset())


_REGISTRY: dict[str, ProtectedTable] = {}


def register(table: ProtectedTable) -> ProtectedTable:
    """Register a protected table (apps do this at import); a different duplicate is an error."""
    known = _REGISTRY.setdefault(table.table, table)
    if known != table:
        raise ValueError(f"protected table {table.table!r} registered twice differently")
    return table


def registered() -> tuple[ProtectedTable, ...]:
    """Return every registered protected table."""
    return tuple(_REGISTRY.values())


def enabled_triggers(connection: BaseDatabaseWrapper, table: str) -> set[str]:
    """Return the names of the enabled user triggers on ``table``."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass "
                "AND NOT tgisinternal AND tgenabled <> 'D'",
                [table],
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [table],
            )
        return {name for (name,) in cursor.fetchall()}


def missing_triggers(connection: BaseDatabaseWrapper, table: ProtectedTable) -> set[str]:
    """Return the triggers ``table`` should have on this database and does not."""
    return set(table.expected(connection)) - enabled_triggers(connection, table.table)


@contextmanager
def paused(connection: BaseDatabaseWrapper, table: str) -> Iterator[None]:
    """Pause the user triggers of ``table`` for the enclosed statements of this transaction.

    Needs an open transaction, so a failure or a crash rolls the pause back too, and the table
    owner's rights (``ALTER TABLE`` on PostgreSQL, ``DROP TRIGGER`` on SQLite).

    Raises:
        RuntimeError: no transaction is open.
    """
    if not connection.in_atomic_block:
        raise RuntimeError(f"pausing the triggers of {table} needs an open transaction")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # ALTER TABLE is refused while deferred foreign-key checks of this transaction
            # are pending; settle them now (it also makes later ones immediate).
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            yield
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            return
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
            [table],
        )
        saved = cursor.fetchall()
        for name, _sql in saved:
            cursor.execute(f'DROP TRIGGER "{name}"')
        yield
        for _name, sql in saved:
            cursor.execute(sql)


@contextmanager
def all_paused(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Pause the triggers of every registered table that exists on ``connection``."""
    existing = set(connection.introspection.table_names())
    with ExitStack() as stack:
        for table in registered():
            if table.table in existing:
                stack.enter_context(paused(connection, table.table))
        yield

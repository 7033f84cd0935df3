"""The version-immutability triggers of migration 0002: which exist, and a test-only pause.

Django's test *flush* (``TransactionTestCase``, pytest-django's ``transaction=True``, live
servers) empties every table; on SQLite it does so with ``DELETE FROM``, which the triggers
refuse while published versions exist (PostgreSQL's flush is ``TRUNCATE``, which fires no row
trigger). A flush command running inside Django's test environment can wrap its work in
:func:`paused`. Production code never pauses them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "definitions_definitionversion"
EXPECTED = {
    "postgresql": frozenset({"definitions_version_immutable"}),
    "sqlite": frozenset({"definitions_version_no_delete", "definitions_version_no_update"}),
}


def installed_triggers(connection: BaseDatabaseWrapper) -> set[str]:
    """Return the names of the enabled user triggers on the versions table."""
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
    """Return the immutability triggers this database should have and does not."""
    return set(EXPECTED.get(connection.vendor, frozenset())) - installed_triggers(connection)


@contextmanager
def paused(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Pause the immutability triggers for the enclosed statements of this transaction.

    Needs an open transaction, so a failure rolls the pause back too, and the table owner's
    rights (``ALTER TABLE`` on PostgreSQL, ``DROP TRIGGER`` on SQLite).

    Raises:
        RuntimeError: no transaction is open.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("pausing the version triggers needs an open transaction")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # ALTER TABLE refuses while deferred foreign-key checks are pending: settle them.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER USER")
            yield
            cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER USER")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
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

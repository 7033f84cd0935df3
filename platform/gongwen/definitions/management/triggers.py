"""The version-immutability triggers of migration 0002, through :mod:`gongwen.protected_tables`.

Django's test *flush* empties every table; on SQLite it does so with ``DELETE FROM``, which the
triggers refuse while published versions exist. Gongwen's ``flush`` command pauses every
protected table's triggers, and only inside Django's test environment.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db.backends.base.base import BaseDatabaseWrapper

from gongwen import protected_tables

TABLE = "definitions_definitionversion"
EXPECTED = {
    "postgresql": frozenset({"definitions_version_immutable"}),
    "sqlite": frozenset({"definitions_version_no_delete", "definitions_version_no_update"}),
}
PROTECTED = protected_tables.register(protected_tables.ProtectedTable(TABLE, EXPECTED))


def installed_triggers(connection: BaseDatabaseWrapper) -> set[str]:
    """Return the names of the enabled user triggers on the versions table."""
    return protected_tables.enabled_triggers(connection, TABLE)


def missing_triggers(connection: BaseDatabaseWrapper) -> set[str]:
    """Return the immutability triggers this database should have and does not."""
    return protected_tables.missing_triggers(connection, PROTECTED)


@contextmanager
def paused(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Pause the immutability triggers for the enclosed statements of this transaction."""
    with protected_tables.paused(connection, TABLE):
        yield

"""The database itself refuses to change or remove audit rows, whoever writes the SQL."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from gongwen.audit.models import AuditEvent
from gongwen.audit.recording import record
from gongwen.audit.triggers import EXPECTED, enabled_triggers, missing_triggers
from gongwen.audit.verification import verify_chain

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(alice) -> list[AuditEvent]:
    return [record("gongwen.task.approve", actor=alice, payload={"n": n}) for n in range(3)]


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET action = 'gongwen.task.reject' WHERE seq = 2",
        "UPDATE audit_auditevent SET payload = '{}'",
        "DELETE FROM audit_auditevent WHERE seq = 3",
        "DELETE FROM audit_auditevent",
    ],
)
def test_raw_update_and_delete_are_refused(events, sql) -> None:
    with (
        pytest.raises(IntegrityError, match="append_only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert AuditEvent.objects.count() == 3
    assert verify_chain().intact


def test_truncate_is_refused_while_events_exist_on_postgresql(events) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no TRUNCATE; DELETE FROM is covered above")
    with (
        pytest.raises(IntegrityError, match="append_only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        # Settle the deferred foreign-key checks of this test's inserts first, or
        # PostgreSQL refuses TRUNCATE for "pending trigger events" before ours runs.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE audit_auditevent CASCADE")
    assert AuditEvent.objects.count() == 3


def test_truncating_an_empty_table_destroys_nothing_and_is_allowed_on_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE audit_auditevent")
    assert AuditEvent.objects.count() == 0


def test_the_migrations_installed_every_trigger() -> None:
    assert missing_triggers(connection) == set()
    assert enabled_triggers(connection) >= EXPECTED[connection.vendor]


def test_a_dropped_trigger_is_noticed(tamper) -> None:
    name = sorted(EXPECTED[connection.vendor])[0]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # else ALTER waits on pending checks
            cursor.execute(f"ALTER TABLE audit_auditevent DISABLE TRIGGER {name}")
        else:
            cursor.execute(f"DROP TRIGGER {name}")
    assert missing_triggers(connection) == {name}

"""Database triggers: audit events are append-only, whoever writes the SQL.

PostgreSQL: every UPDATE and DELETE of an event is refused, and TRUNCATE is refused while the
table holds any event (truncating an empty table destroys nothing, which keeps ``manage.py
flush`` usable on a fresh database). SQLite has no TRUNCATE; its ``DELETE FROM`` fires the row
trigger. Both raise an integrity error (SQLSTATE 23001 on PostgreSQL, SQLITE_CONSTRAINT on
SQLite), which Django reports as ``IntegrityError``.

The SQL is frozen here on purpose. On SQLite, a later migration that *rebuilds* the table
(most ALTERs do) drops its triggers: such a migration must create them again — the test
``tests/audit/test_append_only__database.py`` and ``manage.py verify_audit`` both notice.
"""

from django.db import migrations

TABLE = "audit_auditevent"
MESSAGE = "audit.append_only: audit events are never changed or removed"

POSTGRESQL_FORWARD = [
    f"""
    CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'TRUNCATE' AND NOT EXISTS (SELECT 1 FROM {TABLE}) THEN
        RETURN NULL;
      END IF;
      RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation';
    END;
    $$;
    """,
    f"""
    CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
    """,
    f"""
    CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
    """,
]
POSTGRESQL_BACKWARD = [
    f"DROP TRIGGER IF EXISTS audit_event_no_truncate ON {TABLE};",
    f"DROP TRIGGER IF EXISTS audit_event_no_change ON {TABLE};",
    "DROP FUNCTION IF EXISTS audit_event_append_only();",
]

SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """,
    f"""
    CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS audit_event_no_update;",
    "DROP TRIGGER IF EXISTS audit_event_no_delete;",
]

SQL = {
    "postgresql": (POSTGRESQL_FORWARD, POSTGRESQL_BACKWARD),
    "sqlite": (SQLITE_FORWARD, SQLITE_BACKWARD),
}


def _run(schema_editor, forward):
    statements = SQL.get(schema_editor.connection.vendor)
    if statements is None:
        raise RuntimeError(f"no audit triggers for {schema_editor.connection.vendor}")
    for statement in statements[0 if forward else 1]:
        schema_editor.execute(statement)


def install(apps, schema_editor):
    _run(schema_editor, forward=True)


def uninstall(apps, schema_editor):
    _run(schema_editor, forward=False)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]

"""Database triggers: published definition versions are never deleted, their content never changes.

Only ``retired_at`` may be updated. The model refuses the same things; the triggers also stop raw
SQL and bulk paths that bypass the model. Both raise an integrity error (SQLSTATE 23001 on
PostgreSQL, SQLITE_CONSTRAINT on SQLite), which Django reports as ``IntegrityError``.

PostgreSQL's TRUNCATE (used by test-database flushes) fires no row triggers and is left alone: it
is a maintenance operation, not a path the application has.
"""

from django.db import migrations

TABLE = "definitions_definitionversion"
FROZEN = [
    "id",
    "document_type_id",
    "version",
    "form",
    "flow",
    "content_hash",
    "published_by_id",
    "published_at",
    "changelog",
]
MESSAGE_DELETE = "definition.version_immutable: published versions are never deleted; retire them"
MESSAGE_UPDATE = "definition.version_immutable: published versions never change; publish a new one"

_PG_CHANGED = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in FROZEN)
POSTGRESQL_FORWARD = [
    f"""
    CREATE OR REPLACE FUNCTION definitions_version_immutable() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION '{MESSAGE_DELETE}' USING ERRCODE = 'restrict_violation';
      END IF;
      IF {_PG_CHANGED} THEN
        RAISE EXCEPTION '{MESSAGE_UPDATE}' USING ERRCODE = 'restrict_violation';
      END IF;
      RETURN NEW;
    END;
    $$;
    """,
    f"""
    CREATE TRIGGER definitions_version_immutable
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION definitions_version_immutable();
    """,
]
POSTGRESQL_BACKWARD = [
    f"DROP TRIGGER IF EXISTS definitions_version_immutable ON {TABLE};",
    "DROP FUNCTION IF EXISTS definitions_version_immutable();",
]

_SQLITE_CHANGED = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in FROZEN)
SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER definitions_version_no_delete BEFORE DELETE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE_DELETE}'); END;
    """,
    f"""
    CREATE TRIGGER definitions_version_no_update BEFORE UPDATE ON {TABLE}
    WHEN {_SQLITE_CHANGED}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE_UPDATE}'); END;
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS definitions_version_no_delete;",
    "DROP TRIGGER IF EXISTS definitions_version_no_update;",
]


class VendorRunSQL(migrations.RunSQL):
    """``RunSQL`` that runs only on one database vendor (a no-op on the others)."""

    def __init__(self, vendor, sql, reverse_sql):
        super().__init__(sql, reverse_sql)
        self.vendor = vendor

    def deconstruct(self):
        return (
            self.__class__.__qualname__,
            [],
            {"vendor": self.vendor, "sql": self.sql, "reverse_sql": self.reverse_sql},
        )

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("definitions", "0001_initial")]

    operations = [
        VendorRunSQL("postgresql", POSTGRESQL_FORWARD, POSTGRESQL_BACKWARD),
        VendorRunSQL("sqlite", SQLITE_FORWARD, SQLITE_BACKWARD),
    ]

"""A trigger moves the chain head as an event is inserted: one statement fewer per event.

Before, ``record()`` locked the head, inserted the event and then updated the head (three
statements); now the insert's ``AFTER INSERT`` trigger copies the event's ``seq`` and ``hash``
into the head row the writer already holds locked, in the same statement. The lock stays with
the writer (``SELECT … FOR UPDATE`` on the head before it computes the hash), so concurrent
writers still queue and the chain never forks. Like 0002's, the SQL is frozen here and the
trigger is listed in ``gongwen.audit.triggers.EXPECTED`` so ``verify_audit`` notices if a
table rebuild on SQLite dropped it.
"""

from django.db import migrations

TABLE = "audit_auditevent"
HEAD = "audit_auditchainhead"

SQL = {
    "postgresql": (
        [
            f"""
            CREATE OR REPLACE FUNCTION audit_event_move_head() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
              UPDATE {HEAD} SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
              RETURN NULL;
            END;
            $$;
            """,
            f"""
            CREATE TRIGGER audit_event_moves_head AFTER INSERT ON {TABLE}
            FOR EACH ROW EXECUTE FUNCTION audit_event_move_head();
            """,
        ],
        [
            f"DROP TRIGGER IF EXISTS audit_event_moves_head ON {TABLE};",
            "DROP FUNCTION IF EXISTS audit_event_move_head();",
        ],
    ),
    "sqlite": (
        [
            f"""
            CREATE TRIGGER audit_event_moves_head AFTER INSERT ON {TABLE}
            BEGIN UPDATE {HEAD} SET seq = NEW.seq, hash = NEW.hash WHERE id = 1; END;
            """
        ],
        ["DROP TRIGGER IF EXISTS audit_event_moves_head;"],
    ),
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
    dependencies = [("audit", "0002_append_only_triggers")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]

"""Transactional tests on SQLite can flush published versions and audit events together."""

import pytest
from django.core.management import call_command
from django.db import connection

from gongwen import protected_tables
from gongwen.audit.recording import record
from gongwen.definitions.models import DefinitionVersion, DocumentType


def test_both_protected_tables_are_registered() -> None:
    tables = {t.table for t in protected_tables.registered()}
    assert {"audit_auditevent", "definitions_definitionversion"} <= tables


@pytest.mark.django_db(transaction=True)
def test_flush_in_tests_empties_versions_and_audit_and_keeps_the_triggers(
    django_user_model,
) -> None:
    someone = django_user_model.objects.create_user("someone")
    doc_type = DocumentType.objects.create(key="notice", name_zh="通知")
    DefinitionVersion.objects.create(
        document_type=doc_type, version=1, form={}, flow={}, content_hash="a" * 64
    )
    record("gongwen.definition.publish", actor=someone)
    call_command("flush", interactive=False, verbosity=0)
    assert not DefinitionVersion.objects.exists()
    for table in protected_tables.registered():
        assert protected_tables.missing_triggers(connection, table) == set()

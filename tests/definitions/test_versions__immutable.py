"""Published versions never change and are never deleted — in the model and in the database.

Runs on both vendors: the triggers of migration 0002 exist on SQLite and on PostgreSQL, and raw
SQL that bypasses the model is refused by them.
"""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from gongwen.definitions.models import DefinitionVersion, DocumentType, ImmutableVersionError

pytestmark = pytest.mark.django_db

TABLE = DefinitionVersion._meta.db_table
IMMUTABLE = r"definition\.version_immutable"


@pytest.fixture
def version() -> DefinitionVersion:
    doc_type = DocumentType.objects.create(key="notice", name_zh="通知", name_en="Notice")
    return DefinitionVersion.objects.create(
        document_type=doc_type,
        version=1,
        form={"key": "notice", "fields": [{"name": "title"}]},
        flow={"key": "notice", "nodes": []},
        content_hash="a" * 64,
        changelog="first",
    )


def _stored(version: DefinitionVersion) -> tuple:
    return DefinitionVersion.objects.filter(pk=version.pk).values_list(
        "version", "form", "flow", "content_hash", "changelog", "published_at"
    )[0]


def test_changing_content_through_the_model_is_refused(version) -> None:
    before = _stored(version)
    version.form = {"key": "notice", "fields": []}
    with pytest.raises(ImmutableVersionError):
        version.save()
    with pytest.raises(ImmutableVersionError):
        version.save(update_fields=["form"])
    with pytest.raises(ImmutableVersionError):
        version.save(update_fields=["retired_at", "changelog"])
    assert _stored(version) == before


def test_deleting_through_the_model_or_a_queryset_is_refused(version) -> None:
    with pytest.raises(ImmutableVersionError):
        version.delete()
    with pytest.raises(ImmutableVersionError):
        DefinitionVersion.objects.filter(pk=version.pk).delete()
    with pytest.raises(ImmutableVersionError):
        DefinitionVersion.objects.all().delete()
    assert DefinitionVersion.objects.filter(pk=version.pk).exists()


def test_queryset_update_of_content_is_refused_but_retiring_is_allowed(version) -> None:
    with pytest.raises(ImmutableVersionError, match="changelog"):
        DefinitionVersion.objects.filter(pk=version.pk).update(changelog="rewritten")
    now = timezone.now()
    assert DefinitionVersion.objects.filter(pk=version.pk).update(retired_at=now) == 1
    version.refresh_from_db()
    assert version.changelog == "first"
    assert version.retired_at == now


def test_retiring_through_save_with_update_fields_is_allowed(version) -> None:
    version.retired_at = timezone.now()
    version.save(update_fields=["retired_at"])
    assert DefinitionVersion.objects.get(pk=version.pk).is_retired


def test_deleting_the_document_type_is_refused_while_it_has_versions(version) -> None:
    with pytest.raises(ProtectedError):
        version.document_type.delete()
    assert DefinitionVersion.objects.count() == 1


def test_the_database_has_the_immutability_triggers() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
                [TABLE],
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE]
            )
        names = {row[0] for row in cursor.fetchall()}
    assert names, f"no trigger on {TABLE} ({connection.vendor})"


def _raw(sql: str, params: list) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.parametrize(
    "assignment",
    [
        "changelog = 'rewritten'",
        "form = flow",
        "flow = form",
        "content_hash = 'b'",
        "version = 7",
        "published_at = '2001-01-01 00:00:00+00'",
        "published_by_id = 1",
        "document_type_id = document_type_id + 1",
    ],
)
def test_raw_sql_update_of_content_is_refused_by_the_database(version, assignment) -> None:
    before = _stored(version)
    with pytest.raises(IntegrityError, match=IMMUTABLE):
        _raw(f"UPDATE {TABLE} SET {assignment} WHERE id = %s", [version.pk])  # noqa: S608 (test SQL, no user input)
    assert _stored(version) == before


def test_raw_sql_delete_is_refused_by_the_database(version) -> None:
    with pytest.raises(IntegrityError, match=IMMUTABLE):
        _raw(f"DELETE FROM {TABLE} WHERE id = %s", [version.pk])  # noqa: S608 (test SQL, no user input)
    with pytest.raises(IntegrityError, match=IMMUTABLE), transaction.atomic():
        DefinitionVersion.objects.filter(pk=version.pk)._raw_delete(connection.alias)
    assert DefinitionVersion.objects.filter(pk=version.pk).exists()


def test_raw_sql_may_set_retired_at(version) -> None:
    _raw(f"UPDATE {TABLE} SET retired_at = %s WHERE id = %s", [timezone.now(), version.pk])  # noqa: S608 (test SQL, no user input)
    assert DefinitionVersion.objects.get(pk=version.pk).is_retired

"""The immutability triggers are installed; only an explicit, transactional pause lifts them."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from gongwen.definitions.management.triggers import (
    EXPECTED,
    TABLE,
    installed_triggers,
    missing_triggers,
    paused,
)
from gongwen.definitions.models import DefinitionVersion, DocumentType

pytestmark = pytest.mark.django_db


@pytest.fixture
def version() -> DefinitionVersion:
    doc_type = DocumentType.objects.create(key="notice", name_zh="通知")
    return DefinitionVersion.objects.create(
        document_type=doc_type, version=1, form={}, flow={}, content_hash="a" * 64
    )


def _delete_all() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608 (constant table name)


def test_every_expected_trigger_is_installed() -> None:
    assert installed_triggers(connection) >= EXPECTED[connection.vendor]
    assert missing_triggers(connection) == set()


def test_a_pause_inside_a_transaction_lets_a_flush_delete_and_then_restores(version) -> None:
    with transaction.atomic(), paused(connection):
        assert missing_triggers(connection) == EXPECTED[connection.vendor]
        _delete_all()
        assert not DefinitionVersion.objects.exists()
    assert missing_triggers(connection) == set()
    DefinitionVersion.objects.create(
        document_type=version.document_type, version=1, form={}, flow={}, content_hash="b" * 64
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        _delete_all()


def test_a_failure_inside_the_pause_rolls_the_pause_back(version) -> None:
    with pytest.raises(RuntimeError, match="boom"), transaction.atomic(), paused(connection):
        _delete_all()
        raise RuntimeError("boom")
    assert missing_triggers(connection) == set()
    assert DefinitionVersion.objects.filter(pk=version.pk).exists()


def test_pausing_outside_a_transaction_is_refused() -> None:
    class Autocommitting:
        in_atomic_block = False

    with pytest.raises(RuntimeError, match="open transaction"), paused(Autocommitting()):
        pass

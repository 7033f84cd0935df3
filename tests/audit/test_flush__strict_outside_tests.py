"""manage.py flush: refuses to destroy the audit trail, except in Django's test environment."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from gongwen.audit.models import AuditChainHead, AuditEvent
from gongwen.audit.recording import record
from gongwen.audit.triggers import missing_triggers
from gongwen.management.commands import flush as gongwen_flush


@pytest.fixture
def production(monkeypatch) -> None:
    monkeypatch.setattr(gongwen_flush, "in_test_environment", lambda: False)


def test_pytest_runs_inside_djangos_test_environment() -> None:
    assert gongwen_flush.in_test_environment()


@pytest.mark.django_db
def test_outside_tests_flush_refuses_while_events_exist_and_changes_nothing(
    production, alice
) -> None:
    record("gongwen.task.approve", actor=alice)
    with pytest.raises(CommandError, match="append-only"):
        call_command("flush", interactive=False, verbosity=0)
    assert AuditEvent.objects.count() == 1
    assert AuditChainHead.objects.get().seq == 1


@pytest.mark.django_db(transaction=True)
def test_outside_tests_flush_of_an_empty_trail_works(production, django_user_model) -> None:
    django_user_model.objects.create_user("someone")
    call_command("flush", interactive=False, verbosity=0)
    assert not django_user_model.objects.exists()
    assert missing_triggers(connection) == set()


@pytest.mark.django_db(transaction=True)
def test_inside_tests_flush_empties_the_trail_and_restores_the_triggers(alice) -> None:
    record("gongwen.task.approve", actor=alice)
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEvent.objects.exists()
    assert not AuditChainHead.objects.exists()
    assert missing_triggers(connection) == set()
    # And the trail starts again from genesis.
    alice.save()  # flushed with everything else; put her back
    assert record("gongwen.task.approve", actor=alice).seq == 1

"""Fixtures for the audit tests: people to act, and a way to tamper behind the triggers."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection

from gongwen.audit.triggers import paused


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user("alice", display_name="Alice")


@pytest.fixture
def bob(django_user_model):
    return django_user_model.objects.create_user("bob", display_name="Bob")


@pytest.fixture
def tamper(db) -> Callable[..., None]:
    """Run raw SQL on the audit table with its triggers paused, as an intruder with DDL would.

    The pause lives in the test's transaction, so the rollback at the end restores it.
    """

    def run(sql: str, params: list | None = None) -> None:
        with paused(connection), connection.cursor() as cursor:
            cursor.execute(sql, params or [])

    return run

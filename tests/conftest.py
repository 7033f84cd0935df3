"""Shared fixtures: fast password hashing and the demo organisation.

The demo county is loaded once per test process and kept in an open transaction beneath the
tests' own, so tests that ask for ``demo`` share one load and every other test still starts
from an empty database; tests/README.md explains the design.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pytest_django.fixtures import validate_django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Read messages of code called directly in English (the source text).

    Pages still speak zh-Hans: the language middleware activates it for every request the test
    client makes, and the page tests assert the Chinese text.
    """
    from django.utils import translation

    with translation.override("en"):
        yield


def _is_transactional(item: pytest.Item) -> bool:
    """Return whether pytest-django runs ``item`` as a TransactionTestCase (its own rule)."""
    marker = item.get_closest_marker("django_db")
    transaction, reset_sequences, *_ = validate_django_db(marker) if marker else (False, False)
    wants = {"transactional_db", "live_server", "django_db_reset_sequences"}
    return bool(transaction or reset_sequences or wants & set(item.fixturenames))


def _shares_demo(item: pytest.Item) -> bool:
    return "demo" in getattr(item, "fixturenames", ()) and not _is_transactional(item)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the tests that share the demo county first, so each process loads it about once.

    pytest-django then sorts by kind (plain db, transactional, no db); the sort is stable,
    and these are all plain db tests, so they stay at the front.
    """
    items.sort(key=lambda item: not _shares_demo(item))


class SharedDemo:
    """The demo county in a transaction left open between tests (Django's setUpTestData idea).

    Each test's own transaction nests inside it as a savepoint, so what a test changes is rolled
    back and the next test sees the county as loaded. ``drop`` rolls the whole load back.
    """

    def __init__(self, blocker: Any) -> None:
        self._blocker = blocker
        self._atomic: Any = None

    @property
    def loaded(self) -> bool:
        """Return whether the county sits in the open transaction."""
        return self._atomic is not None

    def load(self) -> None:
        """Load the county unless it is already there."""
        if self.loaded:
            return
        from django.db import transaction

        from gongwen.org.demo import load_demo

        with self._blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                load_demo()
            except BaseException as exc:
                atomic.__exit__(type(exc), exc, exc.__traceback__)
                raise
        self._atomic = atomic

    def drop(self) -> None:
        """Roll the county back, leaving the database as the migrations made it."""
        if not self.loaded:
            return
        from django.db import transaction

        atomic, self._atomic = self._atomic, None
        with self._blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="session")
def _shared_demo(django_db_setup, django_db_blocker) -> Iterator[SharedDemo]:
    shared = SharedDemo(django_db_blocker)
    yield shared
    shared.drop()  # before django_db_setup tears the test database down


@pytest.fixture
def _demo_settled(request, _shared_demo, _fast_passwords) -> SharedDemo:
    """Load the shared county for a plain test asking for ``demo``; roll it back for any other.

    Transactional tests commit and flush every table, so they load their own county (``demo``);
    tests that do not ask for it must not see its rows (some count users).
    Depends on ``_fast_passwords`` so the county's password hash is the fast one.
    """
    if _shares_demo(request.node):
        _shared_demo.load()
    else:
        _shared_demo.drop()
    return _shared_demo


@pytest.fixture
def _django_db_helper(_demo_settled, _django_db_helper) -> None:
    """Open pytest-django's per-test transaction only after the shared county is settled.

    Overrides pytest-django's internal fixture (every db test goes through it, the
    ``django_db`` marker too); its arguments are set up in order, ``_demo_settled`` first.
    """


@pytest.fixture
def demo(db, _demo_settled) -> dict:
    """Return the demo county's users and departments by their keys, freshly read.

    Plain tests share one load (see ``_demo_settled``); a transactional test loads its own,
    which the flush after it removes.
    """
    from gongwen.org.demo import load_demo
    from gongwen.org.models import Department, User

    if not _demo_settled.loaded:
        load_demo()
    return {
        "users": {u.username: u for u in User.objects.all()},
        "depts": {d.code: d for d in Department.objects.all()},
    }

"""Shared fixtures: fast password hashing and the demo organisation."""

from __future__ import annotations

import pytest


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


@pytest.fixture
def demo(db) -> dict:
    """Load the demo county and return users and departments by their keys."""
    from gongwen.org.demo import load_demo
    from gongwen.org.models import Department, User

    load_demo()
    return {
        "users": {u.username: u for u in User.objects.all()},
        "depts": {d.code: d for d in Department.objects.all()},
    }

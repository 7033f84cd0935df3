"""Runtime fixtures: the demo county and helpers to run flows."""

from __future__ import annotations

import pytest


@pytest.fixture
def people(demo) -> dict:
    """Return the demo users by username."""
    return demo["users"]

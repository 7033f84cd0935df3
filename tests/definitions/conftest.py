"""Fixtures and hypothesis profiles for the definition tests.

Profiles: ``ci`` (selected when the ``CI`` environment variable is set, as ``.ci/run`` does)
runs the mutation test with at least 2,000 examples; ``dev`` keeps local runs short.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from gongwen.definitions.registries import numbering_series_lookup
from gongwen.documents.numbering.demo import DEMO_SERIES

settings.register_profile(
    "ci", max_examples=2500, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "definitions"
REPO = Path(__file__).resolve().parents[2]

#: The numbering series the shipped definitions expect (docs/definitions.md): the demo's.
SHIPPED_SERIES = {code for code, _name, _kind in DEMO_SERIES}
TEST_SERIES = SHIPPED_SERIES | {"测试发"}


def load(path: Path) -> Any:
    """Return the JSON document at ``path``."""
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _known_series() -> Iterator[None]:
    """Let the test and shipped numbering series exist (the documents layer's job in production)."""
    with numbering_series_lookup(TEST_SERIES.__contains__):
        yield


@pytest.fixture
def basic_form() -> dict[str, Any]:
    """Return the valid form fixture every flow fixture uses."""
    return load(FIXTURES / "valid" / "basic_form.json")


@pytest.fixture
def basic_flow() -> dict[str, Any]:
    """Return a valid flow with an exclusive gateway, a 会签 and a parallel split/join."""
    return load(FIXTURES / "valid" / "basic_flow.json")

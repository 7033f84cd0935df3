"""Concurrent publishes of one document type get distinct, consecutive version numbers.

The number is allocated under a row lock on the document type. On PostgreSQL the publishing
threads share the test database; SQLite's in-memory test database cannot be shared by threads,
and its writers are serialised by IMMEDIATE transactions anyway.
"""

from __future__ import annotations

import copy
import threading

import pytest
from django.db import connection, connections

from gongwen.definitions.models import DefinitionVersion
from gongwen.definitions.versions import publish_documents

PUBLISHERS = 6


def _publish(form, flow, n: int, barrier: threading.Barrier, errors: list) -> None:
    try:
        # The numbering-series lookup of conftest is process-wide, so threads see it too.
        barrier.wait(timeout=30)
        publish_documents("basic", form, flow, None, f"publisher {n}")
    except BaseException as exc:  # handed to the main thread
        errors.append(exc)
    finally:
        connections.close_all()


def _race(basic_form, basic_flow) -> list[BaseException]:
    """Publish PUBLISHERS different editions at once; return the errors the threads met."""
    barrier = threading.Barrier(PUBLISHERS)
    errors: list[BaseException] = []
    threads = []
    for n in range(PUBLISHERS):
        form = copy.deepcopy(basic_form)
        form["name"]["en"] = f"Basic form, edition {n}"
        threads.append(
            threading.Thread(target=_publish, args=(form, basic_flow, n, barrier, errors))
        )
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_publishes_get_distinct_consecutive_numbers(basic_form, basic_flow) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("threads cannot share SQLite's in-memory test database")
    publish_documents("basic", basic_form, basic_flow, None, "the type exists")
    assert _race(basic_form, basic_flow) == []
    numbers = sorted(DefinitionVersion.objects.values_list("version", flat=True))
    assert numbers == list(range(1, PUBLISHERS + 2))
    changelogs = set(DefinitionVersion.objects.values_list("changelog", flat=True))
    assert changelogs == {"the type exists"} | {f"publisher {n}" for n in range(PUBLISHERS)}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_first_publishes_of_a_new_type_do_not_collide(basic_form, basic_flow) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("threads cannot share SQLite's in-memory test database")
    assert _race(basic_form, basic_flow) == []
    numbers = sorted(DefinitionVersion.objects.values_list("version", flat=True))
    assert numbers == list(range(1, PUBLISHERS + 1))

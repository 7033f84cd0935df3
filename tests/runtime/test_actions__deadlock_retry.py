"""An action aborted as a deadlock victim runs again; other database errors go up at once.

They go up as the one error type (:class:`~gongwen.errors.Unavailable`), the database's error
kept as its cause: no library exception leaves an action.
"""

from __future__ import annotations

import pytest
from django.db import OperationalError, transaction

from gongwen.errors import Unavailable
from gongwen.runtime.actions.base import ATTEMPTS, atomically


class _Victim(Exception):
    sqlstate = "40P01"  # deadlock_detected, as psycopg reports it


class _Other(Exception):
    sqlstate = "42P01"  # undefined_table: not worth a retry


def _raising(cause: Exception, times: int, calls: list, committed: list):
    def work() -> str:
        calls.append(1)
        transaction.on_commit(lambda: committed.append(len(calls)))
        if len(calls) <= times:
            raise OperationalError("aborted") from cause
        return "done"

    return work


@pytest.mark.django_db(transaction=True)
def test_a_deadlock_victim_runs_again_and_only_the_run_that_commits_has_its_side_effects():
    calls, committed = [], []
    assert atomically(_raising(_Victim(), 1, calls, committed)) == "done"
    assert len(calls) == 2 and committed == [2]


@pytest.mark.django_db(transaction=True)
def test_it_gives_up_after_the_last_attempt_and_never_retries_other_errors():
    calls, committed = [], []
    with pytest.raises(Unavailable) as gave_up:
        atomically(_raising(_Victim(), ATTEMPTS, calls, committed))
    assert isinstance(gave_up.value.__cause__, OperationalError)
    assert len(calls) == ATTEMPTS and committed == []
    calls.clear()
    with pytest.raises(Unavailable) as other:
        atomically(_raising(_Other(), 1, calls, committed))
    assert isinstance(other.value.__cause__, OperationalError)
    assert len(calls) == 1


@pytest.mark.django_db
def test_inside_a_callers_transaction_there_is_nothing_to_retry():
    calls, committed = [], []
    with pytest.raises(Unavailable):
        atomically(_raising(_Victim(), 1, calls, committed))
    assert len(calls) == 1

"""The process lock every generated flow uses (set explicitly: see DESIGN.md)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction


class ProcessRowLock:
    """Lock the process row for the rest of the transaction.

    On PostgreSQL this is ``SELECT … FOR UPDATE`` (blocking, not viewflow's NOWAIT-and-retry:
    a queue of approvers should wait their turn, then see the task already done). SQLite has no
    row locks and Django ignores ``select_for_update`` there; Gongwen opens SQLite transactions
    ``IMMEDIATE`` (settings), which takes the database write lock at ``BEGIN`` — so the outermost
    transaction already serialises writers, which is correct if coarse.
    """

    @contextmanager
    def __call__(self, flow_class: Any, process_pk: int) -> Iterator[None]:
        """Hold the lock on ``process_pk`` inside a transaction.

        No savepoint of its own: a failure inside aborts the action's whole transaction anyway
        (every action runs in one), and a savepoint costs two more round trips.
        """
        with transaction.atomic(savepoint=False):
            manager = flow_class.process_class._default_manager
            manager.select_for_update().filter(pk=process_pk).exists()
            yield


process_row_lock = ProcessRowLock()

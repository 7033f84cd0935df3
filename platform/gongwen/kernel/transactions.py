"""One transaction per action, deadlock victims run again, no library exception escapes.

Layers above register translators for their libraries' exceptions (the engine seam registers
viewflow's), so that an action's caller only ever sees :class:`~gongwen.errors.GongwenError`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import DataError, IntegrityError, OperationalError, transaction
from django.utils.translation import gettext_lazy as _

from gongwen.audit.recording import deferred
from gongwen.errors import GongwenError, InvalidRequest, Missing, StateConflict, Unavailable

#: SQLSTATEs of a transaction the database aborted so that another could go on: a deadlock
#: victim (40P01) or a serialization failure (40001). The victim wrote nothing.
RETRYABLE_SQLSTATES = frozenset({"40P01", "40001"})
#: How many times an action runs before such an abort is reported.
ATTEMPTS = 3

T = TypeVar("T")

#: Library exception class → function making the :class:`GongwenError` to raise instead.
_translators: dict[type[BaseException], Callable[[BaseException], GongwenError]] = {}


def register_translator(
    kind: type[BaseException], make: Callable[[BaseException], GongwenError]
) -> None:
    """Turn ``kind`` (a library's exception) into ``make(exc)`` when it leaves an action."""
    _translators[kind] = make


def translate(error: BaseException) -> GongwenError | None:
    """Return the :class:`GongwenError` standing for library ``error`` (``None``: unknown)."""
    if isinstance(error, GongwenError):
        return error
    for kind, make in _translators.items():
        if isinstance(error, kind):
            return make(error)
    if isinstance(error, DataError):
        return InvalidRequest(_("A value cannot be stored (too long, or not storable)."))
    if isinstance(error, IntegrityError):
        return StateConflict()
    if isinstance(error, ObjectDoesNotExist):
        return Missing()
    if isinstance(error, OperationalError):
        return Unavailable(_("The database is busy; try again in a moment."))
    return None


def atomically(work: Callable[[], T]) -> T:
    """Run ``work`` in one transaction; run it afresh if the database aborted it as a victim.

    Two actions can take the same rows in different orders; PostgreSQL then aborts one of
    them. Being rolled back, it is safe to run again, and it then sees what the other did
    (often: a clear conflict). Inside a caller's transaction there is nothing to retry: the
    error goes up. A library exception leaves as the :class:`GongwenError` it stands for.
    The audit events ``work`` records are written after it, just before COMMIT: the audit
    head, locked by every action, is then held only for those inserts and the commit (ADR 0003).
    """
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with transaction.atomic(), deferred():
                return work()
        except GongwenError:
            raise
        except OperationalError as error:
            state = getattr(error.__cause__, "sqlstate", None)
            nested = transaction.get_connection().in_atomic_block
            if nested or attempt == ATTEMPTS or state not in RETRYABLE_SQLSTATES:
                raise _translated(error) from error
        except Exception as error:
            raise _translated(error) from error
    raise AssertionError("unreachable")  # pragma: no cover


def _translated(error: Exception) -> Exception:
    found = translate(error)
    return found if found is not None else error


def translating(work: Callable[[], T]) -> T:
    """Run ``work`` (a read-only check) and turn a library exception into a GongwenError.

    :func:`atomically` does this for an action's ``execute()``; ``check()`` opens no transaction.
    """
    try:
        return work()
    except GongwenError:
        raise
    except Exception as error:
        found = translate(error)
        if found is None:
            raise
        raise found from error

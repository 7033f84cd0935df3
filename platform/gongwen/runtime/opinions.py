"""Opinions (审批意见): every version is a trace row, so every revision is kept and audited.

A person may save an opinion on an open task before acting (暂存意见, the action
:class:`gongwen.runtime.actions.SaveOpinion`, trace action ``gongwen.opinion.save``: only
whoever holds the open task or stands in for its holder); the opinion given with an action
(approve, reject, return …) is recorded in that action's trace row. A task's opinion is the
latest of these and its history is all of them, oldest first. Trace rows are never changed,
and each has a hash-chained audit event carrying the same text, so no revision can be
altered or dropped unnoticed. Giving an opinion with an action therefore costs no statement
beyond the action's own trace row.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongwen.kernel.text import check_text
from gongwen.runtime.exceptions import InvalidInput
from gongwen.runtime.models import Task, TraceEntry

MAX_OPINION_LENGTH = 2000
#: Bound of :func:`check_storable` for text whose caller sets no tighter one.
MAX_STORABLE_LENGTH = 100_000
SAVE_ACTION = "gongwen.opinion.save"
#: The trace actions whose ``opinion`` is the person's 审批意见 on the task. Others carry a text
#: too (a 催办 message, an administrator's reason for 改派) that is not an opinion.
OPINION_ACTIONS = frozenset(
    {
        SAVE_ACTION,
        "gongwen.task.approve",
        "gongwen.task.reject",
        "gongwen.task.return",
        "gongwen.task.transfer",
        "gongwen.task.delegate",
        "gongwen.task.add_signer",
        "gongwen.task.withdraw",
    }
)


def check_opinion(text: Any, pointer: str = "/opinion") -> None:
    """Raise :class:`InvalidInput` (at ``pointer``) unless ``text`` can be stored as an opinion."""
    check_text(
        text,
        pointer,
        MAX_OPINION_LENGTH,
        error=InvalidInput,
        too_long=_("The opinion is too long."),
    )


def check_storable(text: Any, pointer: str = "") -> None:
    """Raise :class:`InvalidInput` if ``text`` is not a string or holds what no column keeps.

    Any text a person gives an action — opinion, message, reason — goes to the trace and to the
    hash-chained audit log as it is (:func:`gongwen.kernel.text.check_text` says what is
    refused: NUL, other control characters, lone surrogates).
    """
    check_text(text, pointer, MAX_STORABLE_LENGTH, error=InvalidInput)


def opinion_history(task: Task | int) -> list[TraceEntry]:
    """Return every revision of the opinion on ``task``, oldest first (one query)."""
    return list(
        TraceEntry.objects.filter(task=task, action__in=OPINION_ACTIONS)
        .exclude(opinion="")
        .select_related("actor", "on_behalf_of")
        .order_by("id")
    )


def current_opinion(task: Task | int) -> str:
    """Return the latest opinion on ``task`` (``""`` if none), in one query."""
    latest = (
        TraceEntry.objects.filter(task=task, action__in=OPINION_ACTIONS)
        .exclude(opinion="")
        .order_by("-id")
        .first()
    )
    return latest.opinion if latest is not None else ""

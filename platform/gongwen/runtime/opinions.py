"""Opinions (审批意见): every version is a trace row, so every revision is kept and audited.

A person may save an opinion on an open task before acting (暂存意见, trace action
``gongwen.opinion.save``); the opinion given with an action (approve, reject, return …) is
recorded in that action's trace row. A task's opinion is the latest of these and its history
is all of them, oldest first. Trace rows are never changed, and each has a hash-chained audit
event carrying the same text, so no revision can be altered or dropped unnoticed. Giving an
opinion with an action therefore costs no statement beyond the action's own trace row.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongwen.runtime.events import record
from gongwen.runtime.exceptions import InvalidInput
from gongwen.runtime.models import Task, TraceEntry

MAX_OPINION_LENGTH = 2000
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


def check_opinion(text: str) -> None:
    """Raise :class:`InvalidInput` unless ``text`` can be stored as an opinion."""
    if len(text) > MAX_OPINION_LENGTH:
        raise InvalidInput(_("The opinion is too long."))
    check_storable(text)


def check_storable(text: str) -> None:
    """Raise :class:`InvalidInput` if ``text`` holds what no database column keeps (NUL, a lone
    surrogate): any text a person gives an action — opinion, message, reason — goes to the trace
    and to the hash-chained audit log as it is."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput(_("The text contains a character that cannot be stored.")) from None
    if "\x00" in text:
        raise InvalidInput(_("The text contains a character that cannot be stored."))


def save_opinion(task: Task, author: Any, text: str, *, on_behalf_of: Any = None) -> TraceEntry:
    """Keep ``text`` as a new revision of ``author``'s opinion on ``task`` (inside a transaction).

    Raises:
        InvalidInput: the text is empty, too long or holds a NUL character.
    """
    text = (text or "").strip()
    if not text:
        raise InvalidInput(_("The opinion is empty."))
    check_opinion(text)
    return record(
        SAVE_ACTION,
        process=task.process,
        task=task,
        actor=author,
        on_behalf_of=on_behalf_of,
        opinion=text,
    )


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

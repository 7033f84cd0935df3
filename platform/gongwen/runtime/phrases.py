"""常用语: each person's own list of phrases to pick from when writing an opinion.

A list holds at most :data:`MAX_PHRASES` distinct phrases of up to :data:`MAX_PHRASE_LENGTH`
characters, in the order the person chose. Only its owner reads or changes it: reading is
:func:`phrases_of`; every change is an audited action of
:mod:`gongwen.runtime.actions.phrases` (:class:`AddPhrase`, :class:`RemovePhrase`,
:class:`ReorderPhrases`).
"""

from __future__ import annotations

from typing import Any

from gongwen.runtime.exceptions import NotPermitted
from gongwen.runtime.models import CommonPhrase

MAX_PHRASES = 50
MAX_PHRASE_LENGTH = 200


def _person(user: Any) -> Any:
    if user is None or not user.is_active:
        raise NotPermitted()
    return user


def phrases_of(user: Any) -> list[str]:
    """Return the user's phrases in their order (one query)."""
    return list(
        CommonPhrase.objects.filter(owner=_person(user))
        .order_by("position", "id")
        .values_list("text", flat=True)
    )

"""常用语: each person's own list of phrases to pick from when writing an opinion.

A list holds at most :data:`MAX_PHRASES` distinct phrases of up to :data:`MAX_PHRASE_LENGTH`
characters, in the order the person chose. Only its owner reads or changes it.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from gongwen.runtime.exceptions import InvalidInput, NotFound, NotPermitted
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


def add_phrase(user: Any, text: str) -> CommonPhrase:
    """Append ``text`` to the user's list.

    Raises:
        InvalidInput: empty, too long, already in the list, or the list is full.
    """
    _person(user)
    text = text.strip() if isinstance(text, str) else ""
    if not text or len(text) > MAX_PHRASE_LENGTH:
        raise InvalidInput(_("A phrase must have between 1 and 200 characters."))
    with transaction.atomic():
        mine = CommonPhrase.objects.select_for_update().filter(owner=user)
        texts = list(mine.values_list("text", flat=True))
        if text in texts:
            raise InvalidInput(_("This phrase is already in your list."))
        if len(texts) >= MAX_PHRASES:
            raise InvalidInput(_("Your list of common phrases is full."))
        last = mine.aggregate(last=Max("position"))["last"]
        return CommonPhrase.objects.create(
            owner=user, text=text, position=0 if last is None else last + 1
        )


def remove_phrase(user: Any, text: str) -> None:
    """Remove ``text`` from the user's list.

    Raises:
        NotFound: the phrase is not in the user's list.
    """
    deleted, _rows = CommonPhrase.objects.filter(owner=_person(user), text=text).delete()
    if not deleted:
        raise NotFound()


def reorder_phrases(user: Any, texts: list[str]) -> None:
    """Put the user's phrases in the order of ``texts`` (which must name each exactly once).

    Raises:
        InvalidInput: ``texts`` is not a permutation of the user's phrases.
    """
    _person(user)
    with transaction.atomic():
        mine = {p.text: p for p in CommonPhrase.objects.select_for_update().filter(owner=user)}
        if not isinstance(texts, list) or sorted(texts) != sorted(mine):
            raise InvalidInput(_("Name each of your phrases exactly once."))
        for position, text in enumerate(texts):
            mine[text].position = position
        CommonPhrase.objects.bulk_update(mine.values(), ["position"])

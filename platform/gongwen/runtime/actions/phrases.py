"""常用语: a person adds, removes and reorders the phrases of their own list.

Each list belongs to its owner: the actor only ever changes their own (someone else's phrase
is not found in it). Each change writes an audit event whose target is the owner; no process
is concerned, so there is no trace row. Reading the list is
:func:`gongwen.runtime.phrases.phrases_of`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from gongwen.audit.recording import record
from gongwen.kernel.actions import Action, register
from gongwen.kernel.text import check_text
from gongwen.kernel.transactions import translating
from gongwen.runtime.actions.base import require_person, stripped
from gongwen.runtime.exceptions import InvalidInput, NotFound
from gongwen.runtime.models import CommonPhrase
from gongwen.runtime.phrases import MAX_PHRASE_LENGTH, MAX_PHRASES


def _phrase(text: Any) -> str:
    """Return ``text`` as a phrase (stripped, 1–200 storable characters) or refuse it."""
    check_text(text, "/text", MAX_PHRASE_LENGTH, error=InvalidInput)
    if not text:
        raise InvalidInput(_("A phrase must have between 1 and 200 characters."), pointer="/text")
    return text


def _mine(owner: Any, *, lock: bool = False) -> Any:
    rows = CommonPhrase.objects.filter(owner=owner).order_by("position", "id")
    return rows.select_for_update() if lock else rows


class PhraseAction(Action):
    """An action on ``actor``'s own list: check, then apply and audit in one transaction."""

    def __init__(self, actor: Any) -> None:
        self.actor = actor

    def check(self) -> None:
        """Raise a :class:`~gongwen.errors.GongwenError` if the change cannot be made."""
        translating(lambda: self.validate(list(_mine(require_person(self.actor)))))

    def run(self) -> Any:
        """Lock the list, check and apply the change, and audit it."""
        rows = list(_mine(require_person(self.actor), lock=True))
        self.validate(rows)
        result = self.apply(rows)
        record(self.audit_action, actor=self.actor, target=self.actor, payload=self.facts())
        return result

    def validate(self, rows: list[CommonPhrase]) -> None:
        """Raise unless the change may be made to the list ``rows``."""
        raise NotImplementedError

    def apply(self, rows: list[CommonPhrase]) -> Any:
        """Make the change to the locked list ``rows``."""
        raise NotImplementedError

    def facts(self) -> dict[str, Any]:
        """Return the audit event's payload."""
        raise NotImplementedError


@register
class AddPhrase(PhraseAction):
    """Append ``text`` to ``actor``'s list (at most :data:`MAX_PHRASES`, no duplicates)."""

    audit_action = "gongwen.phrase.add"

    def __init__(self, actor: Any, text: str) -> None:
        super().__init__(actor)
        self.text = stripped(text)

    def validate(self, rows: list[CommonPhrase]) -> None:
        """Check the phrase and that it is new and the list has room."""
        text = _phrase(self.text)
        if any(row.text == text for row in rows):
            raise InvalidInput(_("This phrase is already in your list."), pointer="/text")
        if len(rows) >= MAX_PHRASES:
            raise InvalidInput(_("Your list of common phrases is full."))

    def apply(self, rows: list[CommonPhrase]) -> CommonPhrase:
        """Create the phrase after the last one."""
        last = CommonPhrase.objects.filter(owner=self.actor).aggregate(last=Max("position"))
        position = 0 if last["last"] is None else last["last"] + 1
        return CommonPhrase.objects.create(owner=self.actor, text=self.text, position=position)

    def facts(self) -> dict[str, Any]:
        """Return the phrase added."""
        return {"text": self.text}


@register
class RemovePhrase(PhraseAction):
    """Remove ``text`` from ``actor``'s list."""

    audit_action = "gongwen.phrase.remove"

    def __init__(self, actor: Any, text: str) -> None:
        super().__init__(actor)
        self.text = text

    def validate(self, rows: list[CommonPhrase]) -> None:
        """Check the phrase is in the actor's list."""
        check_text(self.text, "/text", MAX_PHRASE_LENGTH, error=InvalidInput)
        if not any(row.text == self.text for row in rows):
            raise NotFound(pointer="/text")

    def apply(self, rows: list[CommonPhrase]) -> None:
        """Delete the phrase."""
        CommonPhrase.objects.filter(owner=self.actor, text=self.text).delete()

    def facts(self) -> dict[str, Any]:
        """Return the phrase removed."""
        return {"text": self.text}


@register
class ReorderPhrases(PhraseAction):
    """Put ``actor``'s phrases in the order of ``texts`` (each named exactly once)."""

    audit_action = "gongwen.phrase.reorder"

    def __init__(self, actor: Any, texts: list[str]) -> None:
        super().__init__(actor)
        self.texts = texts

    def validate(self, rows: list[CommonPhrase]) -> None:
        """Check ``texts`` names each of the actor's phrases exactly once."""
        texts = self.texts
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            raise InvalidInput(_("Name each of your phrases exactly once."), pointer="/texts")
        if sorted(texts) != sorted(row.text for row in rows):
            raise InvalidInput(_("Name each of your phrases exactly once."), pointer="/texts")

    def apply(self, rows: list[CommonPhrase]) -> None:
        """Store the new positions."""
        mine = {row.text: row for row in rows}
        for position, text in enumerate(self.texts):
            mine[text].position = position
        CommonPhrase.objects.bulk_update(rows, ["position"])

    def facts(self) -> dict[str, Any]:
        """Return the new order."""
        return {"texts": list(self.texts)}

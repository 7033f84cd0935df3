"""Edit the 要素 of a 公文 (title, body, recipients, 紧急程度, 密级 …) while it may change.

Who: :func:`gongwen.documents.access.may_edit` — the drafter while it is a draft, whoever
holds an open task of its process while it is reviewed; never from 签发 on, never once the
process has ended. A 密级 change needs :func:`~gongwen.documents.access.may_change_secrecy`
(never above one's own clearance) and reaches the process; a 紧急程度 change reaches every
step not reached yet. Recorded as ``gongwen.document.edit`` (trace row and audit event)
naming the fields changed.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from gongwen.documents.actions.loading import load_document
from gongwen.documents.document.exceptions import InvalidElements
from gongwen.documents.services import check_edit, record_step, update_elements
from gongwen.kernel.actions import Action, register
from gongwen.kernel.text import check_text
from gongwen.kernel.transactions import translating
from gongwen.runtime.actions.base import require_person

#: The most characters of any one text of the 要素 (the 正文's paragraphs included).
MAX_TEXT_LENGTH = 100_000
#: How deep a value of the 要素 may nest (body → paragraph → runs).
MAX_DEPTH = 8


def check_values(value: Any, pointer: str, depth: int = 0) -> None:
    """Refuse text anywhere in ``value`` that cannot be stored (NUL, control characters …)."""
    if depth > MAX_DEPTH:
        raise InvalidElements(_("The value is nested too deeply."), pointer=pointer)
    if isinstance(value, str):
        check_text(value, pointer, MAX_TEXT_LENGTH, error=InvalidElements)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            check_values(item, f"{pointer}/{index}", depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            check_values(key, pointer, depth + 1)
            check_values(item, f"{pointer}/{key}", depth + 1)
    elif is_dataclass(value) and not isinstance(value, type):
        for field in fields(value):
            check_values(getattr(value, field.name), f"{pointer}/{field.name}", depth + 1)


@register
class EditElements(Action):
    """Apply ``changes`` (要素 by :class:`~gongwen.documents.elements.DocumentElements` name)."""

    audit_action = "gongwen.document.edit"

    def __init__(self, document: Any, actor: Any, changes: dict[str, Any]) -> None:
        self.document = document
        self.actor = actor
        self.changes = changes

    def _checked_changes(self) -> dict[str, Any]:
        changes = self.changes
        if not isinstance(changes, dict) or not changes:
            raise InvalidElements(_("Name the 要素 to change."), pointer="/changes")
        if not all(isinstance(name, str) for name in changes):
            raise InvalidElements(_("Name the 要素 to change."), pointer="/changes")
        check_values(changes, "/changes")
        return changes

    def check(self) -> None:
        """Raise a :class:`~gongwen.errors.GongwenError` if the edit cannot be made now."""

        def work() -> None:
            require_person(self.actor)
            changes = self._checked_changes()
            check_edit(load_document(self.document), self.actor, changes)

        translating(work)

    def run(self) -> Any:
        """Lock the process and the document, apply the changes and record them."""
        require_person(self.actor)
        changes = self._checked_changes()
        before = load_document(self.document, lock=True)
        old = {"secrecy": before.secrecy, "urgency": before.urgency}
        document = update_elements(before, self.actor, **changes)
        facts: dict[str, Any] = {"fields": sorted(changes)}
        for name, value in old.items():
            if getattr(document, name) != value:
                facts[name] = {"from": value, "to": getattr(document, name)}
        record_step(document, self.audit_action, self.actor, facts)
        return document

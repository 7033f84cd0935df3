"""Submit a drafted 公文 for review: its drafter, after a clean format check.

Recorded as ``gongwen.document.submit`` (trace row and audit event) with the codes of the
format check's warnings.
"""

from __future__ import annotations

from typing import Any

from gongwen.documents.actions.loading import load_document
from gongwen.documents.services import check_submit, record_step, submit
from gongwen.kernel.actions import Action, register
from gongwen.kernel.transactions import translating
from gongwen.runtime.actions.base import require_person


@register
class SubmitDocument(Action):
    """Move ``document`` from draft to review for its drafter ``actor``; return the warnings."""

    audit_action = "gongwen.document.submit"

    def __init__(self, document: Any, actor: Any) -> None:
        self.document = document
        self.actor = actor

    def check(self) -> None:
        """Raise a :class:`~gongwen.errors.GongwenError` if the draft cannot be submitted."""
        translating(lambda: check_submit(load_document(self.document), require_person(self.actor)))

    def run(self) -> list:
        """Lock, check, submit and record; return the format check's warnings."""
        document = load_document(self.document, lock=True)
        warnings = submit(document, require_person(self.actor))
        facts = {"warnings": sorted({problem.code for problem in warnings})}
        record_step(document, self.audit_action, self.actor, facts)
        return warnings

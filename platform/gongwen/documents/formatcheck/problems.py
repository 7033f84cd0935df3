"""What a format check reports: :class:`FormatProblem`, one per thing wrong."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from django.utils.translation import get_language


class Severity(StrEnum):
    """An ``error`` blocks submission and signing; a ``warning`` is shown and may be accepted."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """What a rule type found: where (``field``), which sub-issue, and values for the message."""

    field: str
    issue: str = ""
    values: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class FormatProblem:
    """One problem: a stable ``code``, its severity, the element it is about and a message.

    ``field`` names a :class:`~gongwen.documents.elements.DocumentElements` field, with an index
    for sequences (``main_recipients[1]``, ``body[3]``).
    """

    code: str
    severity: Severity
    field: str
    message_zh: str
    message_en: str

    @property
    def message(self) -> str:
        """Return the message in the active language (English when it is English)."""
        return self.message_en if (get_language() or "").startswith("en") else self.message_zh

    @property
    def is_error(self) -> bool:
        """Return whether this problem blocks submission."""
        return self.severity == Severity.ERROR

    def to_data(self) -> dict[str, str]:
        """Return the JSON form (for the API and the pages)."""
        return {
            "code": self.code,
            "severity": str(self.severity),
            "field": self.field,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
        }

"""The 公文's 要素 that the runtime's conditions read as ``document.*`` (one query)."""

from __future__ import annotations

from typing import Any

from gongwen.documents.document.models import Document

#: Document fields a condition may read, by their ``document.<name>``.
FACT_FIELDS = ("kind", "direction", "organ_code", "secrecy", "urgency")


def document_facts(process: Any) -> dict[str, str] | None:
    """Return the 公文 of ``process``'s condition facts, or ``None`` if it carries none."""
    return Document.objects.filter(process_id=process.pk).values(*FACT_FIELDS).first()

"""What a condition on an edge sees: ``form`` data and the running ``document``'s 要素.

The names are exactly those the validator accepts (``gongwen.definitions.conditions``):
``form.<field>`` and ``document.<name>`` for ``kind``, ``direction``, ``organ_code``,
``secrecy``, ``urgency``, ``retention`` and ``archive_category``. The flow's 公文 settings give
the defaults, the process its 紧急程度; the documents layer, which the runtime does not import,
registers a provider of the 公文's own values at start-up (:func:`register_document_facts`), so
a 密级 or 紧急程度 changed on the 公文 is what the next gateway sees.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: Returns the 公文's own 要素 of a process (``None``: it has none), one query at most.
DocumentFacts = Callable[[Any], dict[str, str] | None]

_provider: DocumentFacts | None = None


def register_document_facts(provider: DocumentFacts | None) -> None:
    """Let ``provider`` give the 公文's 要素 to conditions (``None`` removes it)."""
    global _provider
    _provider = provider


def condition_context(process: Any) -> dict[str, Any]:
    """Return the data JSON Logic conditions of ``process`` evaluate against."""
    return {"form": process.data or {}, "document": document_facts(process)}


def document_facts(process: Any) -> dict[str, str]:
    """Return the ``document.*`` names of ``process``: the 公文's values over the defaults."""
    settings = process.flow_class.spec.document
    facts: dict[str, str] = {}
    if settings is not None:
        facts = {
            "kind": settings.kind,
            "direction": settings.direction,
            "organ_code": settings.organ_code,
            "secrecy": settings.secrecy,
            "urgency": settings.urgency,
            "retention": settings.retention,
            "archive_category": settings.archive_category,
        }
    if process.urgency:
        facts["urgency"] = process.urgency
    own = _provider(process) if _provider is not None else None
    if own:
        facts.update({k: v for k, v in own.items() if v})
    return facts

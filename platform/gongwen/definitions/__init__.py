"""Definition format: JSON Schemas, one validator, compile to specs, versions (contracts 1–3).

The public API (docs/definitions.md; the package README says where to start):

- :func:`validate` — every problem of a form or flow definition; never raises.
- :class:`Problem` — ``(pointer, code, message_zh, message_en)``.
- :func:`compile_form`, :func:`compile_flow` — specs, or :class:`InvalidDefinition`.
- :func:`upgrade` — run the upgrade chain to the current ``schema_version``.
- :func:`definition_kind` — ``"form"``, ``"flow"`` or ``None``.
"""

from __future__ import annotations

from gongwen.definitions.compiler import compile_flow, compile_form
from gongwen.definitions.exceptions import InvalidDefinition
from gongwen.definitions.problems import Problem
from gongwen.definitions.upgrades import CURRENT_VERSION, UPGRADES, upgrade
from gongwen.definitions.validator import validate

__all__ = [
    "CURRENT_VERSION",
    "InvalidDefinition",
    "Problem",
    "compile_flow",
    "compile_form",
    "definition_kind",
    "upgrade",
    "validate",
]


def definition_kind(doc: object) -> str | None:
    """Return ``"form"`` or ``"flow"`` for what ``doc`` claims to be, else ``None``.

    A version-0 document has no ``kind``; it is a flow if it has ``nodes`` or ``edges``.
    Only the top level is looked at: this says what ``doc`` is meant to be, not that it is valid.
    """
    if not isinstance(doc, dict):
        return None
    kind = doc.get("kind")
    if kind in ("form", "flow"):
        return kind
    if (
        "kind" not in doc
        and type(doc.get("schema_version")) is int
        and doc["schema_version"] in UPGRADES
    ):
        return "flow" if "nodes" in doc or "edges" in doc else "form"
    return None

"""``validate``: the one choke point every definition passes (contract 2).

Order: limits (size of the canonical JSON, nesting depth) → upgrade chain → JSON Schema (every
error) → semantic checks (all of them, even after schema errors: they read the document
through tolerant views). Every problem found is returned; nothing raises.
"""

from __future__ import annotations

import logging
from typing import Any

from gongwen.definitions.conditions import flow_condition_problems, form_condition_problems
from gongwen.definitions.form_checks import form_problems
from gongwen.definitions.graph_checks import graph_problems
from gongwen.definitions.limits import within_limits
from gongwen.definitions.node_checks import node_problems
from gongwen.definitions.problems import Problem, problem
from gongwen.definitions.schemas import KINDS, schema_problems
from gongwen.definitions.upgrades import CURRENT_VERSION, UPGRADES, run_chain
from gongwen.definitions.views import FlowView, FormView

logger = logging.getLogger(__name__)


def validate(doc: object, *, form: object | None = None) -> list[Problem]:
    """Return every problem of the form or flow definition ``doc`` (``[]`` means valid).

    Args:
        doc: Any value at all; a definition is a JSON object with ``kind`` "form" or "flow".
        form: For a flow, its form definition. With ``None`` the checks that need the form
            (field permissions, condition variables, field-valued assignee parameters) are
            skipped; publishing always passes it. If the form itself is invalid, the flow gets
            one ``flow.form_invalid`` problem and those checks are skipped too.

    Returns:
        The problems in a stable order: limits, version, schema, semantics.
    """
    try:
        return _validate(doc, form)
    except Exception as exc:  # the contract is "never raises": report the bug, don't hide it
        logger.exception("definition validator failed")
        return [problem("", "definition.internal_error", detail=type(exc).__name__)]


def prepare(doc: object) -> tuple[list[Problem], Any]:
    """Return ``(problems, upgraded plain copy)`` of ``doc`` after limits and upgrades.

    The copy is ``None`` when the document cannot be looked at (too large, too deep, not JSON,
    not an object, a version this code does not know).
    """
    problems, plain = within_limits(doc)
    if problems:
        return problems, None
    if not isinstance(plain, dict):
        return [problem("", "definition.not_object")], None
    version = plain.get("schema_version")
    if type(version) is int and version != CURRENT_VERSION and version not in UPGRADES:
        found = problem(
            "/schema_version",
            "definition.unsupported_version",
            version=version,
            current=CURRENT_VERSION,
        )
        return [found], None
    return [], run_chain(plain)


def _validate(doc: object, form: object | None) -> list[Problem]:
    problems, plain = prepare(doc)
    if plain is None:
        return problems
    kind = plain.get("kind")
    if kind not in KINDS:
        return [problem("/kind" if "kind" in plain else "", "definition.unknown_kind")]
    problems = schema_problems(plain, kind)
    if kind == "form":
        return problems + semantic_form_problems(plain)
    form_view, form_problem = _form_view(form)
    return problems + form_problem + semantic_flow_problems(plain, form_view)


def semantic_form_problems(plain: dict[str, Any]) -> list[Problem]:
    """Return the semantic problems of an upgraded form document."""
    return form_problems(plain) + form_condition_problems(plain)


def semantic_flow_problems(plain: dict[str, Any], form: FormView | None) -> list[Problem]:
    """Return the semantic problems of an upgraded flow document."""
    view = FlowView(plain)
    return graph_problems(view) + node_problems(view, form) + flow_condition_problems(plain, form)


def _form_view(form: object | None) -> tuple[FormView | None, list[Problem]]:
    if form is None:
        return None, []
    form_problems_found = _validate(form, None)
    _, plain = prepare(form)
    if form_problems_found or not isinstance(plain, dict) or plain.get("kind") != "form":
        count = len(form_problems_found) or 1
        return None, [problem("", "flow.form_invalid", count=count)]
    return FormView(plain), []

"""``validate``: the one choke point every definition passes (contract 2).

Stages that stop: limits (size of the canonical JSON, nesting depth) → upgrade chain → counts
(nodes, edges, fields) → text that cannot be stored → JSON Schema (every error) → semantic
checks, each stage only on what passed the ones before, so no check ever looks at a document
larger than the limits or shaped otherwise than the schema says. Within the semantic stage
the graph checks stop once more (shape, then soundness: ``graph_checks``). Every problem of
the stage that stopped is returned; nothing raises.

Results are cached by content: the canonical bytes of the document (and of its form) and the
generation of the assignee-rule registry decide everything except whether the numbering series
exists, which is asked of the lookup on every call (series come and go in the database).

References the lookups cannot check (no database yet: definition files checked in a
repository's CI) are *not checked*, which is neither valid nor unknown: by default they are
problems (publishing never trusts what it could not check); a caller that passes an
``unchecked`` list gets them there instead, to show as notices (``manage.py definitions
validate``).
Publishing validates a definition, then compiles it (which validates again): the second pass
costs a serialisation and a lookup.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any, NamedTuple

from gongwen.definitions.conditions import flow_condition_problems, form_condition_problems
from gongwen.definitions.execution_checks import (
    execution_problems,
    template_of,
    template_problems,
)
from gongwen.definitions.form_checks import form_problems
from gongwen.definitions.graph_checks import graph_problems
from gongwen.definitions.limits import limited_bytes, plain_copy, unstorable_problems
from gongwen.definitions.node_checks import node_problems, numbering_problems, numbering_series_of
from gongwen.definitions.problems import Problem, problem
from gongwen.definitions.registries import assignee_rules, document_rules
from gongwen.definitions.schemas import KINDS, count_problems, schema_problems
from gongwen.definitions.upgrades import CURRENT_VERSION, UPGRADES, run_chain
from gongwen.definitions.views import FlowView, FormView

logger = logging.getLogger(__name__)

#: Marks a form that was given but could not be read (too large, not JSON …).
_UNREADABLE = b""


def validate(
    doc: object, *, form: object | None = None, unchecked: list[Problem] | None = None
) -> list[Problem]:
    """Return every problem of the form or flow definition ``doc`` (``[]`` means valid).

    Args:
        doc: Any value at all; a definition is a JSON object with ``kind`` "form" or "flow".
        form: For a flow, its form definition. With ``None`` the checks that need the form
            (field permissions, condition variables, field-valued assignee parameters) are
            skipped; publishing always passes it. If the form itself is invalid, the flow gets
            one ``flow.form_invalid`` problem and those checks are skipped too.
        unchecked: If given, references that could not be checked because a lookup cannot
            answer (``flow.numbering_series_not_checked``, ``flow.template_not_checked``,
            ``flow.document_steps_not_checked``) are appended here and not returned.
            Without it they are returned with the problems.

    Returns:
        The problems in a stable order: limits, version, schema, semantics, numbering series.
    """
    return validated(doc, form, unchecked=unchecked).problems


def validated(
    doc: object,
    form: object | None,
    *,
    published: bool = False,
    unchecked: list[Problem] | None = None,
) -> Validated:
    """Return ``doc``'s problems and, when there are none, its upgraded plain copy.

    ``published=True`` is for re-reading a version that was valid when it was published: the
    checks that ask the current installation (does the numbering series still exist?) are
    skipped, so deactivating a series never stops running processes from loading their flow.

    This is :func:`validate` for callers that go on to read the document (the compiler): the
    document is serialised and checked once. ``canonical`` is the canonical JSON of the
    returned copy, or ``None`` when an upgrade changed it.
    """
    try:
        problems, data, not_checked = _validate(doc, form, published=published)
        if unchecked is None:
            problems += not_checked
        else:
            unchecked += not_checked
        if problems or data is None:
            return Validated(problems, None, None)
        plain = plain_copy(data)
        current = plain.get("schema_version") == CURRENT_VERSION
        return Validated([], run_chain(plain), data if current else None)
    except Exception as exc:  # the contract is "never raises": report the bug, don't hide it
        logger.exception("definition validator failed")
        found = problem("", "definition.internal_error", detail=type(exc).__name__)
        return Validated([found], None, None)


class Validated(NamedTuple):
    """What :func:`validated` returns."""

    problems: list[Problem]
    plain: Any
    canonical: bytes | None


def prepare(doc: object) -> tuple[list[Problem], Any]:
    """Return ``(problems, upgraded plain copy)`` of ``doc`` after limits and upgrades.

    The copy is ``None`` when the document cannot be looked at (too large, too deep, not JSON,
    not an object, a version this code does not know).
    """
    problems, data = limited_bytes(doc)
    return (problems, None) if data is None else _plain(data)


def _plain(data: bytes) -> tuple[list[Problem], Any]:
    plain = plain_copy(data)
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


def _validate(
    doc: object, form: object | None, *, published: bool = False
) -> tuple[list[Problem], bytes | None, list[Problem]]:
    """Return ``(problems, canonical bytes, references not checked)``."""
    problems, data = limited_bytes(doc)
    if data is None:
        return problems, None, []
    form_data = None
    if form is not None:
        form_data = limited_bytes(form)[1] or _UNREADABLE
    found, lookups, not_checked = _content_problems(
        data, form_data, assignee_rules.generation, id(document_rules())
    )
    if published:
        return list(found), data, []
    series, template = lookups
    numbering, series_not_checked = numbering_problems(series)
    templates, template_not_checked = template_problems(template)
    unchecked = [*not_checked, *series_not_checked, *template_not_checked]
    return [*found, *numbering, *templates], data, unchecked


_NO_LOOKUPS: tuple[tuple[tuple[str, str], ...], tuple[str, str] | None] = ((), None)


@lru_cache(maxsize=32)
def _content_problems(
    data: bytes, form_data: bytes | None, generation: int, rules: int
) -> tuple[tuple[Problem, ...], Any, tuple[Problem, ...]]:
    """Return the problems decided by content alone, what to look up, and what was not checked.

    What to look up: the numbering series (pointer, key) and the template (pointer, key) the
    flow names. ``generation`` and ``rules`` (the assignee-rule registry's generation, the
    document rules' identity) are part of the cache key.
    """
    problems, plain = _plain(data)
    if plain is None:
        return tuple(problems), _NO_LOOKUPS, ()
    kind = plain.get("kind")
    if kind not in KINDS:
        unknown = problem("/kind" if "kind" in plain else "", "definition.unknown_kind")
        return (unknown,), _NO_LOOKUPS, ()
    found = (
        count_problems(plain, kind)
        or unstorable_problems(plain, data.decode("utf-8", "surrogatepass"))
        or schema_problems(plain, kind)
    )
    if found:
        return tuple(found), _NO_LOOKUPS, ()
    if kind == "form":
        return (*form_problems(plain), *form_condition_problems(plain)), _NO_LOOKUPS, ()
    form_view, form_problem = _form_view(form_data)
    view = FlowView(plain)
    graph = graph_problems(view)
    executing, not_checked = execution_problems(view) if not graph else ([], [])
    semantic = [
        *graph,
        *node_problems(view, form_view),
        *flow_condition_problems(plain, form_view),
        *executing,
    ]
    lookups = (numbering_series_of(plain), template_of(plain))
    return (*form_problem, *semantic), lookups, tuple(not_checked)


def _form_view(form_data: bytes | None) -> tuple[FormView | None, list[Problem]]:
    if form_data is None:
        return None, []
    problems: Any = [problem("", "definition.not_json")]
    plain = None
    if form_data != _UNREADABLE:
        problems, plain = _plain(form_data)
        if plain is not None:
            problems = _content_problems(
                form_data, None, assignee_rules.generation, id(document_rules())
            )[0]
    if problems or plain.get("kind") != "form":
        return None, [problem("", "flow.form_invalid", count=len(problems) or 1)]
    return FormView(plain), []

"""Semantic checks of a form: unique names and options, layout and rules naming real fields."""

from __future__ import annotations

import unicodedata
from typing import Any

from gongwen import expressions
from gongwen.definitions.graph import Graph
from gongwen.definitions.problems import Problem, pointer, problem
from gongwen.definitions.views import FormView, items, text


def form_problems(doc: dict[str, Any]) -> list[Problem]:
    """Return the semantic problems of form ``doc`` (conditions are checked elsewhere)."""
    view = FormView(doc)
    found = _fields(doc.get("fields"), ("fields",))
    found += _layout(doc.get("ui_schema"), view)
    found += _rules(doc.get("rules"), view)
    found += _formula_cycles(doc.get("fields"))
    return found


#: Names every JavaScript object has (Object.prototype): json-logic-js reads
#: ``{"var": "form.constructor"}`` of a form without that value as the prototype's function, so
#: ``{"!!": {"var": "form.constructor"}}`` is true in the browser and false on the server.
#: Refused as field and column names (the field-name pattern lets only "constructor" through,
#: the rest are here for the day it is widened).
JS_PROTOTYPE_NAMES = frozenset(
    {
        "constructor", "__proto__", "toString", "toLocaleString", "valueOf", "hasOwnProperty",
        "isPrototypeOf", "propertyIsEnumerable", "__defineGetter__", "__defineSetter__",
        "__lookupGetter__", "__lookupSetter__",
    }
)  # fmt: skip


def distinct_form(value: str) -> str:
    """Return the form of ``value`` that decides whether two values are the same: NFKC.

    NFKC rather than NFC: besides composed and decomposed accents it folds full-width and
    half-width forms ("Ａ" and "A", "１" and "1"), which a person typing Chinese cannot tell
    apart either. Case is kept (option values are data, compared exactly at runtime).
    """
    return unicodedata.normalize("NFKC", value)


def _fields(fields: Any, at: tuple) -> list[Problem]:
    found: list[Problem] = []
    seen: set[str] = set()
    for index, field in items(fields):
        name = text(field.get("name"))
        if name is not None and distinct_form(name) in seen:
            found.append(problem(pointer(*at, index, "name"), "form.duplicate_field", name=name))
        if name is not None:
            seen.add(distinct_form(name))
        if name in JS_PROTOTYPE_NAMES:
            found.append(
                problem(pointer(*at, index, "name"), "form.reserved_field_name", name=name)
            )
        found += _options(field.get("options"), (*at, index, "options"))
        found += _bounds(field, (*at, index))
        found += _fields(field.get("columns"), (*at, index, "columns"))
    return found


def _options(options: Any, at: tuple) -> list[Problem]:
    seen: set[str] = set()
    found = []
    for index, option in items(options):
        value = text(option.get("value"))
        if value is not None and distinct_form(value) in seen:
            found.append(
                problem(pointer(*at, index, "value"), "form.duplicate_option", value=value)
            )
        if value is not None:
            seen.add(distinct_form(value))
    return found


def _bounds(field: dict[str, Any], at: tuple) -> list[Problem]:
    found = []
    for low, high in (("minimum", "maximum"), ("min_rows", "max_rows")):
        a, b = field.get(low), field.get(high)
        numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (a, b))
        if numbers and a > b:
            found.append(problem(pointer(*at, low), "form.min_above_max"))
    return found


def _layout(ui_schema: Any, view: FormView) -> list[Problem]:
    if not isinstance(ui_schema, dict):
        return []
    found, placed = [], set()
    for s, section in items(ui_schema.get("sections")):
        rows = section.get("rows") if isinstance(section.get("rows"), list) else []
        for r, row in enumerate(rows):
            for c, name in enumerate(row if isinstance(row, list) else []):
                where = pointer("ui_schema", "sections", s, "rows", r, c)
                if not isinstance(name, str):
                    continue
                if name not in view.fields:
                    found.append(problem(where, "form.unknown_field_in_layout", name=name))
                elif name in placed:
                    found.append(problem(where, "form.field_laid_out_twice", name=name))
                placed.add(name)
    widgets = ui_schema.get("widgets")
    for name in widgets if isinstance(widgets, dict) else {}:
        if name not in view.fields:
            where = pointer("ui_schema", "widgets", name)
            found.append(problem(where, "form.unknown_field_in_layout", name=name))
    return found


def _rules(rules: Any, view: FormView) -> list[Problem]:
    found = []
    for index, rule in items(rules):
        names = rule.get("fields") if isinstance(rule.get("fields"), list) else []
        for position, name in enumerate(names):
            if isinstance(name, str) and name not in view.fields:
                where = pointer("rules", index, "fields", position)
                found.append(problem(where, "form.unknown_field_in_rule", name=name))
    return found


def _formula_cycles(fields: Any) -> list[Problem]:
    """Computed fields whose formulas read each other in a circle: no order computes them."""
    formulas: dict[str, tuple[int, Any]] = {}
    for index, field in items(fields):
        name = text(field.get("name"))
        if name is not None and "formula" in field:
            formulas.setdefault(name, (index, field["formula"]))
    reads = {
        name: [
            ref.path.split(".")[1]
            for ref in expressions.variable_refs(formula)
            if ref.path and ref.path.startswith("form.") and ref.path.split(".")[1] in formulas
        ]
        for name, (_, formula) in formulas.items()
        if not expressions.check(formula)
    }
    graph = Graph(reads, ((a, b) for a, targets in reads.items() for b in targets))
    found = []
    for component in graph.cyclic_components():
        first = graph.in_order(component)[0]
        path = " → ".join(_cycle_from(graph, first, set(component)))
        where = pointer("fields", formulas[first][0], "formula")
        found.append(problem(where, "form.formula_cycle", name=first, path=path))
    return found


def _cycle_from(graph: Graph, first: str, members: set[str]) -> list[str]:
    """Return a shortest cycle ``first → … → first`` inside ``members`` (breadth first)."""
    came_from: dict[str, str] = {}
    queue = [first]
    for node in queue:
        for child in graph.successors[node]:
            if child not in members:
                continue
            if child == first:
                path = [node]
                while path[-1] != first:
                    path.append(came_from[path[-1]])
                return [first, *reversed(path[:-1]), first] if node != first else [first, first]
            if child not in came_from:
                came_from[child] = node
                queue.append(child)
    return [first, first]

"""Checks of the JSON Logic in definitions, through ``gongwen.expressions``.

Conditions live on flow edges (``when``), in form rules (``when``) and in computed fields
(``formula``). Each is checked by ``expressions.check`` (unsupported operators, arity, limits:
``expression.*`` codes, pointers re-based onto the document), then its variables must exist and
its comparisons must make sense for the field's type.

Variables: ``form.<field>`` (a 明细表 also ``form.<table>.<row>.<column>``) and
``document.<setting>`` (the 公文 settings of the running document: ``urgency``, ``secrecy`` …).
A variable built at run time (``{"var": {"cat": …}}``) cannot be checked and is allowed.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from gongwen import expressions
from gongwen.definitions.problems import Problem, pointer, problem
from gongwen.definitions.views import FormView, items

#: ``document.<name>`` variables and the literals they may be compared with (None: any text).
DOCUMENT_VARIABLES: dict[str, tuple[str, ...] | None] = {
    "kind": None,
    "direction": ("down", "up", "parallel", "incoming"),
    "organ_code": None,
    "secrecy": ("公开", "内部", "秘密", "机密"),
    "urgency": ("平件", "加急", "特急"),
    "retention": ("Y", "D30", "D10"),
    "archive_category": None,
}
RELATIONAL = frozenset({"<", "<=", ">", ">="})
_TEXT_TYPES = frozenset({"text", "long_text", "opinion", "person", "department"})
_NUMBER_TYPES = frozenset({"number", "money"})
_DATE_TYPES = frozenset({"date", "datetime"})
_COMPUTED_TYPES = {"number": "number", "date": "date", "boolean": "boolean", "text": "text"}


def flow_condition_problems(doc: dict[str, Any], form: FormView | None) -> list[Problem]:
    """Return the problems of every edge condition of flow ``doc``."""
    found: list[Problem] = []
    for index, edge in items(doc.get("edges")):
        if "when" in edge:
            found += rule_problems(edge["when"], ("edges", index, "when"), form)
    return found


def form_condition_problems(doc: dict[str, Any]) -> list[Problem]:
    """Return the problems of every rule condition and computed formula of form ``doc``."""
    form = FormView(doc)
    found: list[Problem] = []
    for index, rule in items(doc.get("rules")):
        if "when" in rule:
            found += rule_problems(rule["when"], ("rules", index, "when"), form)
    for index, field in items(doc.get("fields")):
        if "formula" in field:
            found += rule_problems(field["formula"], ("fields", index, "formula"), form)
    return found


def rule_problems(rule: Any, at: tuple, form: FormView | None) -> list[Problem]:
    """Return the problems of one JSON Logic ``rule`` found at pointer tokens ``at``.

    With ``form=None`` only the expression itself is checked (its fields are unknown).
    """
    base = pointer(*at)
    found = [
        _rebased(base, p.pointer, p.code, p.message_zh, p.message_en)
        for p in expressions.check(rule)
    ]
    if found or form is None:
        return found  # a malformed rule has no reliable variables to look at
    for ref in expressions.variable_refs(rule):
        if ref.path is not None and not ref.in_iteration and not _known_variable(ref.path, form):
            where = base + ref.pointer
            found.append(problem(where, "form.unknown_field_in_condition", name=ref.path))
    for comparison in expressions.comparisons(rule):
        found += _comparison_problems(comparison, base, form)
    found += _variable_pairs(rule, base, form)
    return found


#: Comparison operators whose two sides must be of one kind.
_PAIRED = frozenset({"==", "!=", "===", "!==", *RELATIONAL})
_ITERATING = frozenset({"map", "filter", "reduce", "all", "none", "some"})
#: The kinds of value a field type holds, for comparing two fields with each other.
_KINDS = {
    **dict.fromkeys(_NUMBER_TYPES, "number"),
    **dict.fromkeys(_DATE_TYPES, "date"),
    "boolean": "boolean",
}


def _variable_pairs(rule: Any, base: str, form: FormView) -> list[Problem]:
    """Return a problem per comparison of two fields whose values are of different kinds.

    ``{">": [{"var": "form.due"}, {"var": "form.amount"}]}`` compares a date with money.
    Text-like fields (text, choices, people) are not ordered: ``<`` between them is refused
    too. Iterations are skipped: their variables are the items', not the form's.
    """
    found = []
    stack: list[tuple[Any, str]] = [(rule, "")]
    while stack:
        node, where = stack.pop()
        if isinstance(node, list):
            stack.extend((item, f"{where}/{i}") for i, item in enumerate(node))
            continue
        if not isinstance(node, dict) or len(node) != 1:
            continue
        op, args = next(iter(node.items()))
        if op in _ITERATING or op == "var":
            continue
        pair = _field_pair(args, form) if op in _PAIRED else None
        if pair is not None:
            (left, left_type), (right, right_type) = pair
            left_kind, right_kind = _KINDS.get(left_type, "text"), _KINDS.get(right_type, "text")
            if left_kind != right_kind or (op in RELATIONAL and left_kind in ("text", "boolean")):
                found.append(
                    problem(
                        base + where,
                        "form.incompatible_comparison",
                        name=left,
                        type=left_type,
                        op=op,
                        literal=f"{right} ({right_type})",
                    )
                )
        stack.append((args, f"{where}/{_escaped(op)}"))
    return found


def _escaped(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _field_pair(args: Any, form: FormView) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """Return ``((name, type), (name, type))`` if ``args`` are two static form variables."""
    if not isinstance(args, list) or len(args) != 2:
        return None
    sides = []
    for arg in args:
        path = arg.get("var") if isinstance(arg, dict) and len(arg) == 1 else None
        path = path[0] if isinstance(path, list) and path else path
        allowed = _allowed(path, form) if isinstance(path, str) else None
        if allowed is None or not path.startswith("form."):
            return None
        sides.append((allowed[0], allowed[1]))
    return sides[0], sides[1]


def _rebased(base: str, where: str, code: str, zh: str, en: str) -> Problem:
    return Problem(pointer=base + where, code=code, message_zh=zh, message_en=en)


def _known_variable(path: str, form: FormView) -> bool:
    if path == "":
        return True  # the whole data object
    parts = path.split(".")
    if parts[0] == "document":
        return len(parts) == 2 and parts[1] in DOCUMENT_VARIABLES
    if parts[0] != "form" or len(parts) < 2:
        return False
    if len(parts) == 2:
        return parts[1] in form.fields
    if form.field_type(parts[1]) != "table":
        return False
    return parts[2].isdigit() and (
        len(parts) == 3 or (len(parts) == 4 and parts[3] in form.columns(parts[1]))
    )


def _comparison_problems(comparison: Any, base: str, form: FormView) -> list[Problem]:
    op, literal = comparison.op, comparison.literal
    allowed = _allowed(comparison.path, form)
    if allowed is None or literal is None:
        return []  # unknown variables are reported on their own; null tests emptiness
    name, field_type, options = allowed
    if op == "in":
        ok = _in_compatible(comparison.var_position, literal, field_type, options)
    else:
        ok = _compatible(op, literal, field_type, options)
    if ok:
        return []
    where = base + comparison.pointer
    shown = literal if isinstance(literal, str) else json.dumps(literal, ensure_ascii=False)
    params = {"name": name, "type": field_type, "op": op, "literal": shown}
    return [problem(where, "form.incompatible_comparison", **params)]


def _allowed(path: str, form: FormView) -> tuple[str, str, tuple[str, ...] | None] | None:
    """Return ``(name, type, allowed literal values)`` of the variable ``path``, if known."""
    parts = path.split(".")
    if parts[0] == "document" and len(parts) == 2 and parts[1] in DOCUMENT_VARIABLES:
        return path, "text", DOCUMENT_VARIABLES[parts[1]]
    if parts[0] != "form" or len(parts) != 2 or parts[1] not in form.fields:
        return None
    field = form.fields[parts[1]]
    field_type = form.field_type(parts[1]) or ""
    if field_type == "computed":
        field_type = _COMPUTED_TYPES.get(field.get("result_type"), "text")
    options = None
    if field_type in ("select", "multi_select"):
        options = tuple(o.get("value") for _, o in items(field.get("options")))
    return parts[1], field_type, options


def _compatible(op: str, literal: Any, field_type: str, options: tuple | None) -> bool:
    """Return whether ``var <op> literal`` makes sense for a field of ``field_type``."""
    number = isinstance(literal, int | float) and not isinstance(literal, bool)
    if field_type in _NUMBER_TYPES:
        return number
    if field_type in _DATE_TYPES:
        return isinstance(literal, str) and _is_date(literal, field_type)
    if op in RELATIONAL:
        return False  # ordering text, choices, people or lists is a mistake
    if field_type == "boolean":
        return isinstance(literal, bool)
    if field_type in _TEXT_TYPES or field_type == "select":
        return isinstance(literal, str) and (options is None or literal in options)
    return False  # multi_select, attachment, table: compare with "in" or test emptiness


def _is_date(literal: str, field_type: str) -> bool:
    """Return whether ``literal`` is an ISO 8601 date (or, for datetime, a date-time) the
    runtime compares as one: ``"2026-03-01"``, ``"2026-03-01T09:00:00+08:00"``; never "next week".
    """
    try:
        if field_type == "date" or len(literal) == 10:
            return len(literal) == 10 and date.fromisoformat(literal) is not None
        return datetime.fromisoformat(literal) is not None
    except ValueError:
        return False


def _in_compatible(position: int, literal: Any, field_type: str, options: tuple | None) -> bool:
    """Return whether an ``in`` between the field and ``literal`` makes sense."""
    if position == 0:  # {"in": [{"var": …}, [a, b]]}: the field's value is one of a list
        values = literal if isinstance(literal, list) else [literal]
        single = "select" if field_type == "multi_select" else field_type
        return all(_compatible("==", value, single, options) for value in values)
    if field_type == "multi_select":  # {"in": ["x", {"var": …}]}: x is one of the chosen
        return isinstance(literal, str) and (options is None or literal in options)
    return field_type in _TEXT_TYPES and isinstance(literal, str)  # substring test

"""Field rights at a step: which fields a person sees, may change, must fill.

A node's ``fields`` (``NodeSpec.fields``) names rights per field: ``hidden``, ``readonly``,
``editable``, ``required``. A field it does not name keeps the form's own setting: editable
at the start (and in drafts), read-only at every other node (docs/definitions.md). Computed
fields are never writable: the server computes them.

What is enforced, by :class:`Stage`:

- a hidden field is never returned (:func:`visible_data`) and never accepted;
- a read-only field may be sent only unchanged (a page sends the whole form back);
- ``required`` at the node is enforced where the node requires it; at the start (and a
  resubmission) also the form's own ``required`` and its ``require`` rules; a draft needs
  nothing filled.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from gongwen import expressions
from gongwen.forms.problems import Problem, pointer, problem

HIDDEN = "hidden"
READONLY = "readonly"
EDITABLE = "editable"
REQUIRED = "required"
WRITABLE = frozenset({EDITABLE, REQUIRED})


class Stage(StrEnum):
    """Where data is submitted, which decides what must be filled."""

    START = "start"  # the start node, or the resubmission after a 退回 to it
    DRAFT = "draft"  # 存草稿: may be incomplete
    NODE = "node"  # a step's edits: what the node requires


def field_rights(form: Any, fields: Mapping[str, Any] | None, *, stage: Stage) -> dict[str, str]:
    """Return the right (``hidden``/``readonly``/``editable``/``required``) of every field.

    Args:
        form: The compiled form (``FormSpec``), or ``None`` when the flow has none published.
        fields: The node's ``fields`` rights (``NodeSpec.fields``); ``None`` names none.
        stage: Where the data is submitted (the default right depends on it).
    """
    default = default_right(stage)
    rights = {name: default for name in (form.fields if form is not None else ())}
    rights.update({name: str(access) for name, access in (fields or {}).items()})
    for name in computed_names(form):
        if rights.get(name) != HIDDEN:
            rights[name] = READONLY
    return rights


def default_right(stage: Stage) -> str:
    """Return the right of a field the node does not name (no form to list it)."""
    return READONLY if stage == Stage.NODE else EDITABLE


def computed_names(form: Any) -> list[str]:
    """Return the names of the computed fields of ``form``, in form order."""
    if form is None:
        return []
    return [name for name, field in form.fields.items() if field.type == "computed"]


def visible_data(form: Any, fields: Mapping[str, Any] | None, data: Mapping[str, Any]) -> dict:
    """Return ``data`` without the fields hidden from the person at this step.

    Args:
        form: The compiled form, or ``None``.
        fields: The node's ``fields`` rights (``NodeSpec.fields``).
        data: The process (or draft) data.
    """
    hidden = {name for name, access in (fields or {}).items() if str(access) == HIDDEN}
    return {name: value for name, value in data.items() if name not in hidden}


def opinion_fields(form: Any, fields: Mapping[str, Any] | None, *, stage: Stage) -> list[str]:
    """Return the 意见 (``opinion``) fields this step may write, in form order."""
    if form is None:
        return []
    rights = field_rights(form, fields, stage=stage)
    return [
        name
        for name, field in form.fields.items()
        if field.type == "opinion" and rights.get(name) in WRITABLE
    ]


def rights_problems(
    submitted: Mapping[str, Any],
    previous: Mapping[str, Any],
    rights: Mapping[str, str],
    *,
    form: Any,
    stage: Stage,
) -> list[Problem]:
    """Return the problems of sending hidden fields or changing read-only ones."""
    found = []
    for name, value in submitted.items():
        if form is not None and name not in form.fields:
            continue  # the schema reports it as an unknown field
        right = rights.get(name, default_right(stage))
        if right == HIDDEN:
            found.append(problem(pointer(name), "form.hidden_field", name=name))
        elif right == READONLY and not same_value(value, previous.get(name)):
            found.append(problem(pointer(name), "form.read_only", name=name))
    return found


def required_problems(
    form: Any,
    data: Mapping[str, Any],
    rights: Mapping[str, str],
    *,
    stage: Stage,
    context: Mapping[str, Any],
) -> list[Problem]:
    """Return a ``form.required`` problem for every field that must be filled and is empty."""
    if stage == Stage.DRAFT:
        return []
    names = [name for name, right in rights.items() if right == REQUIRED]
    if stage == Stage.START and form is not None:
        names += [name for name, field in form.fields.items() if field.required]
        names += _required_by_rules(form, data, context)
    wanted = dict.fromkeys(n for n in names if rights.get(n, EDITABLE) in WRITABLE)
    return [problem(pointer(name), "form.required") for name in wanted if is_empty(data.get(name))]


def _required_by_rules(form: Any, data: Mapping[str, Any], context: Mapping[str, Any]) -> list:
    names: list[str] = []
    for rule in form.rules:
        if rule["effect"] != "require":
            continue
        try:
            holds = expressions.evaluate({"!!": [rule["when"]]}, {**context, "form": dict(data)})
        except expressions.ExpressionError:
            continue  # the validator checked the rule; data it cannot read asks nothing more
        if holds is True:
            names += rule["fields"]
    return names


def is_empty(value: Any) -> bool:
    """Return whether a field value counts as not filled (null, blank text, empty list)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, list | dict) and not value


def same_value(left: Any, right: Any) -> bool:
    """Return whether two JSON values are equal as JSON (true is not 1; 1 is 1.0)."""
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    if isinstance(left, int | float) and isinstance(right, int | float):
        return left == right
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(same_value(v, right[k]) for k, v in left.items())
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(map(same_value, left, right))
    return type(left) is type(right) and left == right

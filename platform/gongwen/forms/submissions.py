"""``clean_submission``: the one door form data goes through before it is stored."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gongwen.forms.computed import compute
from gongwen.forms.exceptions import InvalidSubmission
from gongwen.forms.problems import Problem
from gongwen.forms.rights import (
    Stage,
    computed_names,
    field_rights,
    required_problems,
    rights_problems,
    same_value,
)
from gongwen.forms.schemas import schema_problems
from gongwen.forms.storable import storable_problems


def clean_submission(
    form: Any,
    data: Any,
    *,
    fields: Mapping[str, Any] | None = None,
    previous: Mapping[str, Any] | None = None,
    stage: Stage = Stage.START,
    context: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Return the data to store after ``data`` was submitted, or refuse it with every problem.

    ``data`` holds the fields sent (all of them, or only those changed); the result is
    ``previous`` with them applied and every computed field computed afresh.

    Args:
        form: The compiled form (``FormSpec``, read by its attributes), or ``None`` when the
            flow has no published form (a spec built in code): then only storability and the
            node's rights are checked.
        data: The submitted form data (a JSON object).
        fields: The node's field rights (``NodeSpec.fields``).
        previous: The data stored so far (the process's), ``None`` for a first submission.
        stage: Where the data is submitted: the start, a draft, or a node's edits.
        context: More variables formulas and rules read besides ``form`` (e.g. ``document``).

    Raises:
        InvalidSubmission: with every problem found; nothing may be stored then.
    """
    unstorable = storable_problems(data)
    if any(item.code != "form.unstorable_text" for item in unstorable):
        raise InvalidSubmission(unstorable)  # not plain bounded JSON: look no further
    before = dict(previous or {})
    derived = set(computed_names(form))
    submitted = {name: value for name, value in data.items() if name not in derived}
    rights = field_rights(form, fields, stage=stage)
    found = unstorable + rights_problems(submitted, before, rights, form=form, stage=stage)
    if form is not None:
        found += schema_problems(form, submitted)
    scope = dict(context or {})
    merged = {**before, **submitted}
    if form is not None and not found:
        merged = compute(form, merged, scope)
    found += required_problems(form, merged, rights, stage=stage, context=scope)
    if found:
        raise InvalidSubmission(_in_form_order(found, form))
    return merged


def changed_fields(
    before: Mapping[str, Any], after: Mapping[str, Any], form: Any = None
) -> list[str]:
    """Return the names of the fields whose value differs between ``before`` and ``after``.

    In the form's field order when ``form`` is given (stored data has no reliable key order:
    PostgreSQL's jsonb keeps its own), else sorted by name.
    """
    names = dict.fromkeys([*before, *after])
    changed = [name for name in names if not same_value(before.get(name), after.get(name))]
    order = {name: i for i, name in enumerate(form.fields if form is not None else ())}
    return sorted(changed, key=lambda name: (order.get(name, len(order)), name))


def _in_form_order(found: list[Problem], form: Any) -> list[Problem]:
    """Sort problems as the fields stand in the form, so the first is the first on the page."""
    order = {name: index for index, name in enumerate(form.fields if form is not None else ())}
    unknown = len(order)

    def position(item: Problem) -> int:
        name = item.pointer.split("/")[1] if item.pointer.count("/") else ""
        return order.get(name.replace("~1", "/").replace("~0", "~"), unknown)

    return sorted(found, key=position)

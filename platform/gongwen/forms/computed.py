"""Computed fields: evaluated on the server, on every submission, from the form's formulas.

A computed field's ``formula`` is JSON Logic, run by :mod:`gongwen.expressions` (the sandbox
that agrees with json-logic-js, which the browser runs to show the same value as the person
types). It sees the data as conditions do (``form.<field>``, plus what the caller gives, e.g.
``document.*``); fields are computed in form order, so a formula may read an earlier computed
field. What a client sends for a computed field is ignored. A result that does not fit the
field's ``result_type`` (or a formula the data makes fail) gives ``null``, never a refusal:
the person cannot fix a formula.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import Any

from gongwen import expressions
from gongwen.forms.storable import is_storable_text

#: Longest text a computed ``text`` field keeps (as long as a long_text field).
MAX_TEXT = 20000


def compute(form: Any, data: Mapping[str, Any], context: Mapping[str, Any]) -> dict[str, Any]:
    """Return ``data`` with every computed field of ``form`` (re)computed."""
    result = dict(data)
    for name, field in form.fields.items():
        if field.type == "computed":
            result[name] = _value(field, {**context, "form": result})
    return result


def _value(field: Any, scope: dict[str, Any]) -> Any:
    try:
        value = expressions.evaluate(field.formula, scope)
    except expressions.ExpressionError:
        return None
    return fitted(value, field.result_type)


def fitted(value: Any, result_type: str | None) -> Any:
    """Return ``value`` if it is a value of ``result_type``, else ``None``."""
    if result_type == "number":
        number = isinstance(value, int | float) and not isinstance(value, bool)
        return value if number and math.isfinite(value) else None
    if result_type == "boolean":
        return value if isinstance(value, bool) else None
    if not isinstance(value, str) or not is_storable_text(value):
        return None
    if result_type == "date":
        return value if _is_date(value) else None
    return value if len(value) <= MAX_TEXT else None


def _is_date(text: str) -> bool:
    if len(text) != 10:  # YYYY-MM-DD only, as the data schema's pattern says
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True

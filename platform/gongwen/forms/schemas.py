"""Validate form data against the form's compiled data JSON Schema, reporting every problem.

The schema is ``FormSpec.data_schema`` as the definitions compiler derives it from the field
list (``gongwen.definitions.data_schemas``), minus its top-level ``required``: which fields
must be filled depends on where the data is submitted (a draft, the start, a node), so
:mod:`gongwen.forms.rights` decides that; 明细表 rows keep their required columns.

Two validators, one authority, as for definitions: ``fastjsonschema`` answers "valid?" quickly
for the common case; anything it does not accept goes to ``jsonschema``, which alone decides
and names every problem. Both check the ``date`` and ``date-time`` formats with the same
functions (a 2026-02-30 is refused by both), so they cannot disagree on them.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from gongwen.forms.problems import Problem, pointer, problem


def _parsing_with(parse: Callable[[str], Any]) -> Callable[[Any], bool]:
    """Return a format check: a string is valid when ``parse`` reads it (others pass)."""

    def check(value: Any) -> bool:
        if not isinstance(value, str):
            return True  # the type is another keyword's business
        try:
            parse(value)
        except ValueError:
            return False
        return True

    return check


_FORMATS: dict[str, Callable[[Any], bool]] = {
    "date": _parsing_with(date.fromisoformat),
    "date-time": _parsing_with(datetime.fromisoformat),
}
_CHECKER = FormatChecker(formats=())
for _name, _check in _FORMATS.items():
    _CHECKER.checks(_name)(_check)

#: jsonschema keyword → problem code, and the message parameter its value fills.
_CODES: dict[str, tuple[str, str | None]] = {
    "type": ("form.wrong_type", None),
    "maxLength": ("form.too_long", "limit"),
    "minLength": ("form.too_short", "limit"),
    "minimum": ("form.below_minimum", "limit"),
    "exclusiveMinimum": ("form.below_minimum", "limit"),
    "maximum": ("form.above_maximum", "limit"),
    "exclusiveMaximum": ("form.above_maximum", "limit"),
    "enum": ("form.not_an_option", None),
    "const": ("form.not_an_option", None),
    "pattern": ("form.bad_format", None),
    "format": ("form.bad_format", None),
    "uniqueItems": ("form.duplicate_values", None),
    "maxItems": ("form.too_many", "limit"),
    "minItems": ("form.too_few", "limit"),
}


@dataclass(frozen=True)
class _Validators:
    fast: Callable[[Any], Any]
    full: Draft202012Validator


_cache: dict[tuple, _Validators] = {}
_lock = threading.Lock()


def submission_schema(form: Any) -> dict[str, Any]:
    """Return the data schema of ``form`` as plain JSON, every field nullable, none required.

    A draft may leave a required field empty (``null``); whether it must be filled is decided
    where the data is submitted (:mod:`gongwen.forms.rights`), with one message for "empty".
    """
    schema = json.loads(json.dumps(dict(form.data_schema)))
    schema.pop("required", None)
    properties = schema.get("properties", {})
    for name, value in properties.items():
        if not _nullable(value):
            properties[name] = {"anyOf": [value, {"type": "null"}]}
    return schema


def _nullable(schema: dict[str, Any]) -> bool:
    return {"type": "null"} in schema.get("anyOf", ())


def _validators(form: Any) -> _Validators:
    # A form version's content never changes: its hash names its schema.
    key = (form.key, form.version, form.content_hash)
    found = _cache.get(key)
    if found is None:
        with _lock:
            found = _cache.get(key)
            if found is None:
                schema = submission_schema(form)
                fast = fastjsonschema.compile(schema, formats=_FORMATS, use_default=False)
                full = Draft202012Validator(schema, format_checker=_CHECKER)
                found = _cache[key] = _Validators(fast, full)
    return found


def schema_problems(form: Any, data: dict[str, Any]) -> list[Problem]:
    """Return every problem of ``data`` against the data schema of ``form`` (no ``required``)."""
    validators = _validators(form)
    if _fast_valid(validators, data):
        return []
    found: dict[tuple[str, str], Problem] = {}
    for error in validators.full.iter_errors(data):
        for item in _problems_of(error):
            found.setdefault((item.pointer, item.code), item)
    return list(found.values())


def _fast_valid(validators: _Validators, data: Any) -> bool:
    try:
        validators.fast(data)
    except Exception:  # rejected, or the fast path failed: jsonschema decides (module docstring)
        return False
    return True


def _problems_of(error: ValidationError) -> Iterable[Problem]:
    at = tuple(error.absolute_path)
    keyword = error.validator
    if keyword == "anyOf":
        # A field that may be null: ``anyOf: [its schema, null]``; say what is wrong with the
        # value against its schema, not that it is not null either.
        for sub in error.context or ():
            if sub.relative_schema_path and sub.relative_schema_path[0] == 0:
                yield from _problems_of(sub)
        return
    if keyword == "required":
        for name in error.validator_value:
            if isinstance(error.instance, dict) and name not in error.instance:
                yield problem(pointer(*at, name), "form.required")
        return
    if keyword == "additionalProperties":
        known = error.schema.get("properties", {})
        for name in error.instance:
            if name not in known:
                yield problem(pointer(*at, name), "form.unknown_field", name=name)
        return
    code, param = _CODES.get(str(keyword), ("form.invalid_value", None))
    params = {param: error.validator_value} if param else {}
    yield problem(pointer(*at), code, **params)

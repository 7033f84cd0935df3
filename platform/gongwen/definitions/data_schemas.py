"""Derive the data JSON Schema of a form from its field list.

The field list is the source (docs/definitions.md argues why): admins edit fields, and
the schema that submissions are validated against (with ``jsonschema``, by the forms layer and
by the browser) is computed from it, so the two can never disagree.

Values: text-like fields are strings; number and money are JSON numbers (money is rounded to
cents by the forms layer, which stores it as ``Decimal``); dates are ``YYYY-MM-DD`` strings and
datetimes RFC 3339 strings; person and department pickers hold usernames and department codes
(a list when ``multiple``); attachments are a list of attachment ids; a 明细表 is a list of row
objects. A field that is not required may also be ``null``. Computed fields are ``readOnly``:
the server computes them and ignores what a client sends.
"""

from __future__ import annotations

from typing import Any

DRAFT = "https://json-schema.org/draft/2020-12/schema"
#: ``(?!\n)$`` as in the definition schemas (catalog._KEY): jsonschema matches with
#: ``re.search``, where a bare ``$`` also matches before a final newline ("2026-01-01\n").
_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(?!\n)$"
_DATETIME = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})(?!\n)$"
)
_ID = {"type": "string", "minLength": 1, "maxLength": 150}
_RESULT_TYPES = {
    "number": {"type": "number"},
    "text": {"type": "string"},
    "boolean": {"type": "boolean"},
}


def form_data_schema(fields: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the JSON Schema (2020-12) of the data of a form with ``fields``."""
    schema = _object_schema(fields)
    return {"$schema": DRAFT, **schema}


def _object_schema(fields: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {f["name"]: field_value_schema(f) for f in fields},
        "required": [f["name"] for f in fields if f.get("required")],
        "additionalProperties": False,
    }


def field_value_schema(field: dict[str, Any]) -> dict[str, Any]:
    """Return the JSON Schema of one field's value (``null`` allowed unless required)."""
    schema = _BUILDERS[field["type"]](field)
    if "title" not in schema:
        schema = {"title": field["label"]["zh-Hans"], **schema}
    if field.get("required") or field["type"] == "computed":
        return schema
    return {"title": schema.pop("title"), "anyOf": [schema, {"type": "null"}]}


def _text(default_max: int) -> Any:
    def build(field: dict[str, Any]) -> dict[str, Any]:
        return {"type": "string", "maxLength": field.get("max_length", default_max)}

    return build


def _number(field: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "integer" if field.get("integer") else "number"}
    if field["type"] == "money":
        schema["minimum"] = 0
    for key in ("minimum", "maximum"):
        if key in field:
            schema[key] = field[key]
    return schema


def _select(field: dict[str, Any]) -> dict[str, Any]:
    values = [option["value"] for option in field["options"]]
    if field["type"] == "select":
        return {"type": "string", "enum": values}
    return {"type": "array", "items": {"enum": values}, "uniqueItems": True}


def _picker(field: dict[str, Any]) -> dict[str, Any]:
    if field.get("multiple"):
        return {"type": "array", "items": _ID, "uniqueItems": True, "minItems": 1}
    return dict(_ID)


def _attachment(field: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "array",
        "items": _ID,
        "uniqueItems": True,
        "maxItems": field.get("max_files", 20),
    }


def _table(field: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "array", "items": _object_schema(field["columns"])}
    if "min_rows" in field:
        schema["minItems"] = field["min_rows"]
    schema["maxItems"] = field.get("max_rows", 200)
    return schema


def _computed(field: dict[str, Any]) -> dict[str, Any]:
    result = field["result_type"]
    value = {"type": "string", "pattern": _DATE} if result == "date" else _RESULT_TYPES[result]
    return {"readOnly": True, "anyOf": [value, {"type": "null"}]}


_BUILDERS = {
    "text": _text(200),
    "long_text": _text(20000),
    "opinion": _text(2000),
    "number": _number,
    "money": _number,
    "date": lambda field: {"type": "string", "pattern": _DATE, "format": "date"},
    "datetime": lambda field: {"type": "string", "pattern": _DATETIME, "format": "date-time"},
    "select": _select,
    "multi_select": _select,
    "person": _picker,
    "department": _picker,
    "attachment": _attachment,
    "table": _table,
    "computed": _computed,
}

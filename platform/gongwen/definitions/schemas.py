"""The JSON Schemas of the formats (``flow_defs/schema/``) and their errors as problems.

The files in ``flow_defs/schema/`` are the single source: the designer loads them, the docs
describe them, and this module validates with them. They are found relative to the source
tree (``platform/`` is a source root of the repository), which is how Gongwen is installed.

Two validators, one authority: ``fastjsonschema`` compiles each schema to Python once and
answers "valid?" about fifteen times faster than ``jsonschema``. A document it accepts has no
schema problems; anything else (rejected, or the fast path failing in any way) goes to
``jsonschema``, which alone decides and reports every error. The schemas use only keywords
both implement alike (no ``unevaluated*``, no ``format`` assertions), and the mutation test
checks that the two agree.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from gongwen.definitions.problems import Problem, pointer, problem

SCHEMA_DIR = Path(__file__).resolve().parents[3] / "flow_defs" / "schema"
KINDS = ("form", "flow")

# Schema errors that have a semantic code of their own: (keyword, path pattern) → code.
_RENAMED = {("pattern", ("nodes", int, "id")): "flow.invalid_node_id"}
#: Codes that schema errors may carry besides ``schema.<keyword>``.
RENAMED_CODES = frozenset(_RENAMED.values())


@cache
def load_schema(kind: str) -> dict[str, Any]:
    """Return the JSON Schema of the ``kind`` ("form" or "flow") documents."""
    with (SCHEMA_DIR / f"{kind}.schema.json").open(encoding="utf-8") as handle:
        return json.load(handle)


@cache
def validator_for(kind: str) -> Draft202012Validator:
    """Return a (checked, cached) validator of the ``kind`` schema."""
    schema = load_schema(kind)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@cache
def fast_validator_for(kind: str) -> Callable[[Any], Any]:
    """Return the compiled fast validator of the ``kind`` schema (no remote references)."""
    return fastjsonschema.compile(load_schema(kind), handlers={}, use_default=False)


def fast_valid(doc: Any, kind: str) -> bool:
    """Return whether the fast validator accepts ``doc`` (``False`` if it fails at all)."""
    try:
        fast_validator_for(kind)(doc)
    except Exception:  # rejection or a fast-path failure: jsonschema decides (module docstring)
        return False
    return True


def count_problems(doc: dict[str, Any], kind: str) -> list[Problem]:
    """Return a ``schema.maxItems`` problem per top-level list longer than the schema allows.

    Checked before the schema itself, in time independent of the items: a file of 30,000
    nodes is refused without validating any of them.
    """
    found = []
    for name, rules in load_schema(kind).get("properties", {}).items():
        limit, value = rules.get("maxItems"), doc.get(name)
        if isinstance(limit, int) and isinstance(value, list) and len(value) > limit:
            found.append(problem(pointer(name), "schema.maxItems", expected=limit))
    return found


def schema_problems(doc: Any, kind: str) -> list[Problem]:
    """Return one problem per JSON Schema error of ``doc``, deduplicated, in schema order."""
    if fast_valid(doc, kind):
        return []
    return full_schema_problems(doc, kind)


def full_schema_problems(doc: Any, kind: str) -> list[Problem]:
    """Return the problems ``jsonschema`` finds in ``doc`` (the authority; no fast path)."""
    seen: set[tuple[str, str, str]] = set()
    found: list[Problem] = []
    for error in validator_for(kind).iter_errors(doc):
        for item in _problems_of(error, load_schema(kind)):
            key = (item.pointer, item.code, item.message_en)
            if key not in seen:
                seen.add(key)
                found.append(item)
    return found


def _problems_of(error: ValidationError, root: dict[str, Any]) -> Iterator[Problem]:
    path = tuple(error.absolute_path)
    where = pointer(*path)
    keyword = str(error.validator)
    instance, value = error.instance, error.validator_value
    if keyword == "required" and isinstance(instance, dict):
        for name in value:
            if name not in instance:
                yield problem(where, "schema.required", name=name)
    elif keyword in ("additionalProperties", "unevaluatedProperties") and isinstance(
        instance, dict
    ):
        known = _declared_properties(error.schema, root)
        for name in instance:
            if name not in known:
                yield problem(pointer(*path, name), f"schema.{keyword}", name=name)
    else:
        code = _renamed(keyword, path) or f"schema.{keyword}"
        yield problem(where, code, expected=_expected(keyword, value), name=_name(instance))


def _renamed(keyword: str, path: tuple[Any, ...]) -> str | None:
    for (renamed_keyword, shape), code in _RENAMED.items():
        if keyword == renamed_keyword and _matches(shape, path):
            return code
    return None


def _matches(shape: tuple[Any, ...], path: tuple[Any, ...]) -> bool:
    if len(shape) != len(path):
        return False
    return all(
        (s is int and isinstance(p, int)) or s == p for s, p in zip(shape, path, strict=True)
    )


def _declared_properties(schema: Any, root: dict[str, Any], depth: int = 0) -> set[str]:
    """Return the property names ``schema`` declares itself or through ``allOf``/``$ref``."""
    if not isinstance(schema, dict) or depth > 8:
        return set()
    names = set(schema.get("properties", {}))
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        names |= _declared_properties(root["$defs"].get(ref[8:]), root, depth + 1)
    for part in schema.get("allOf", []):
        names |= _declared_properties(part, root, depth + 1)
    return names


def _expected(keyword: str, value: Any) -> str:
    if keyword == "type":
        return " | ".join(value) if isinstance(value, list) else str(value)
    if keyword == "enum" and isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return json.dumps(value, ensure_ascii=False) if keyword == "const" else str(value)


def _name(instance: Any) -> str:
    return instance if isinstance(instance, str) else ""

"""The registry of rule *types*: the code that a rule (data) names with ``"type"``.

A rule type is a function ``(elements, params, context) -> iterable of Finding`` with a JSON
Schema for its parameters. Types open to departments (``department=True``) are the generic
ones; the others encode GB/T 9704 and 条例 rules and are used by the shipped defaults.
Registering a name twice fails loudly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from gongwen.documents.elements import DocumentElements
from gongwen.documents.formatcheck.problems import Finding


@dataclass(frozen=True)
class CheckContext:
    """What a rule type may know besides the document: today's date (Asia/Shanghai)."""

    today: date


RuleFunction = Callable[[DocumentElements, dict[str, Any], CheckContext], Iterable[Finding]]


@dataclass(frozen=True)
class RuleType:
    """A registered rule type."""

    name: str
    run: RuleFunction
    params_schema: dict[str, Any]
    department: bool = False  # may departments add rules of this type?


_TYPES: dict[str, RuleType] = {}


def rule_type(
    name: str, params_schema: dict[str, Any], *, department: bool = False
) -> Callable[[RuleFunction], RuleFunction]:
    """Register the decorated function as rule type ``name``.

    Raises:
        ValueError: if ``name`` is already registered.
    """

    def decorate(func: RuleFunction) -> RuleFunction:
        if name in _TYPES:
            raise ValueError(f"format rule type {name!r} is already registered")
        schema = {"type": "object", "additionalProperties": False, **params_schema}
        _TYPES[name] = RuleType(name, func, schema, department)
        return func

    return decorate


def get_rule_type(name: str) -> RuleType:
    """Return the rule type ``name``.

    Raises:
        KeyError: for an unknown type.
    """
    _load_builtin_types()
    return _TYPES[name]


def rule_types(*, department_only: bool = False) -> dict[str, RuleType]:
    """Return the registered types by name (only those open to departments if asked)."""
    _load_builtin_types()
    return {n: t for n, t in _TYPES.items() if t.department or not department_only}


def _load_builtin_types() -> None:
    # Importing the modules registers their types (once: modules are cached).
    from gongwen.documents.formatcheck.types import (  # noqa: F401 (registers on import)
        attachments,
        dates,
        generic,
        kinds,
        marks,
        titles,
    )

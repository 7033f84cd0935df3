"""What the validator consults that upper layers fill at start-up.

- :data:`assignee_rules` — assignee rules by name, each with a JSON Schema of its parameters.
  The built-in rules of contract 5 are registered here as *data*; the runtime registers the
  resolvers that give them meaning, and plugins add rules (name + parameter schema) the same way.
- the numbering-series lookup — ``register_numbering_series_lookup(callable)``; the documents
  layer registers the real one. With none registered, every named series is unknown (a flow
  that names no series, ``"numbering_series": null``, is fine). A lookup that cannot answer
  (no database yet, its tables missing) makes :func:`numbering_series_exists` raise
  :class:`~gongwen.definitions.exceptions.LookupUnavailable`: "cannot check", not "unknown".

:class:`Registry` is typed and loud: registering a taken name raises
:class:`~gongwen.definitions.exceptions.AlreadyRegistered`, looking up a missing one raises
:class:`~gongwen.definitions.exceptions.NotRegistered`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.db import DatabaseError
from jsonschema import Draft202012Validator

from gongwen.definitions.exceptions import AlreadyRegistered, LookupUnavailable, NotRegistered

T = TypeVar("T")


class Registry(Generic[T]):
    """Named entries of one type; duplicates and misses fail loudly."""

    def __init__(self, what: str) -> None:
        self.what = what
        #: Bumped on every change, so results computed from the registry can be cached.
        self.generation = 0
        self._entries: dict[str, T] = {}
        self._lock = threading.Lock()

    def register(self, name: str, entry: T) -> T:
        """Add ``entry`` under ``name`` and return it.

        Raises:
            AlreadyRegistered: ``name`` is taken.
        """
        with self._lock:
            if name in self._entries:
                raise AlreadyRegistered(f"{self.what} {name!r} is already registered")
            self._entries[name] = entry
            self.generation += 1
        return entry

    def unregister(self, name: str) -> None:
        """Remove ``name`` (for tests and plugin unloading).

        Raises:
            NotRegistered: nothing is registered under ``name``.
        """
        with self._lock:
            if self._entries.pop(name, None) is None:
                raise NotRegistered(f"no {self.what} named {name!r}")
            self.generation += 1

    def get(self, name: str) -> T:
        """Return the entry named ``name``.

        Raises:
            NotRegistered: nothing is registered under ``name``.
        """
        try:
            return self._entries[name]
        except (KeyError, TypeError):
            raise NotRegistered(f"no {self.what} named {name!r}") from None

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self._entries

    def names(self) -> list[str]:
        """Return the registered names in registration order."""
        return list(self._entries)


@dataclass(frozen=True)
class AssigneeRule:
    """An assignee rule as the validator sees it: a name and the schema of its parameters.

    Attributes:
        name: The value of ``assignee.rule``.
        params_schema: JSON Schema (2020-12) of the assignee object without ``rule``.
        field_params: Parameter paths (tuples of keys) whose value names a form field; the
            validator checks they exist in the form.
        label: ``{"zh-Hans": …, "en": …}`` for the designer.
    """

    name: str
    params_schema: dict[str, Any]
    field_params: tuple[tuple[str, ...], ...] = ()
    label: dict[str, str] = field(default_factory=dict)


assignee_rules: Registry[AssigneeRule] = Registry("assignee rule")


def register_assignee_rule(rule: AssigneeRule) -> AssigneeRule:
    """Register ``rule`` with the validator.

    Raises:
        AlreadyRegistered: the name is taken.
        jsonschema.exceptions.SchemaError: ``rule.params_schema`` is not a valid JSON Schema
            (a broken plugin fails at start-up, not when a definition is validated).
    """
    Draft202012Validator.check_schema(rule.params_schema)
    return assignee_rules.register(rule.name, rule)


def _params(properties: dict[str, Any] | None = None, required: tuple[str, ...] = ()) -> dict:
    return {
        "type": "object",
        "properties": properties or {},
        "required": list(required),
        "additionalProperties": False,
    }


_CODE = {"type": "string", "minLength": 1, "maxLength": 64, "pattern": r"^[A-Za-z0-9_.-]+(?!\n)$"}
_FIELD = {"type": "string", "pattern": r"^[a-z][a-z0-9_]{0,62}(?!\n)$"}  # (?!\n): see catalog._KEY
_DEPARTMENT_REF = {
    "oneOf": [
        {"const": "initiator"},
        {
            "type": "object",
            "properties": {"department": _CODE},
            "required": ["department"],
            "additionalProperties": False,
        },
        {
            "type": "object",
            "properties": {"field": _FIELD},
            "required": ["field"],
            "additionalProperties": False,
        },
    ]
}

BUILTIN_RULES: tuple[AssigneeRule, ...] = (
    AssigneeRule(
        "user",
        _params({"username": _CODE}, ("username",)),
        (),
        {"zh-Hans": "指定人员", "en": "User"},
    ),
    AssigneeRule(
        "role",
        _params(
            {"role": _CODE, "within": {"enum": ["initiator_department", "initiator_org", "all"]}},
            ("role",),
        ),
        (),
        {"zh-Hans": "角色", "en": "Role"},
    ),
    AssigneeRule(
        "position",
        _params(
            {
                "title": {"type": "string", "minLength": 1, "maxLength": 100},
                "department": _DEPARTMENT_REF,
            },
            ("title",),
        ),
        (("department", "field"),),
        {"zh-Hans": "岗位", "en": "Position"},
    ),
    AssigneeRule(
        "department_head",
        _params({"of": _DEPARTMENT_REF}, ("of",)),
        (("of", "field"),),
        {"zh-Hans": "部门负责人", "en": "Department head"},
    ),
    AssigneeRule(
        "superior",
        _params({"level": {"type": "integer", "minimum": 1, "maximum": 5}}, ("level",)),
        (),
        {"zh-Hans": "上级领导", "en": "Superior"},
    ),
    AssigneeRule(
        "leader_in_charge",
        _params({"of": _DEPARTMENT_REF}),
        (("of", "field"),),
        {"zh-Hans": "分管领导", "en": "Leader in charge"},
    ),
    AssigneeRule("initiator", _params(), (), {"zh-Hans": "发起人", "en": "Initiator"}),
    AssigneeRule(
        "initiator_chosen",
        _params({"role": _CODE, "multiple": {"type": "boolean"}}),
        (),
        {"zh-Hans": "发起人选择", "en": "Chosen by the initiator"},
    ),
    AssigneeRule(
        "previous_step_chosen",
        _params({"role": _CODE, "multiple": {"type": "boolean"}}),
        (),
        {"zh-Hans": "上一步选择", "en": "Chosen at the previous step"},
    ),
    AssigneeRule(
        "form_field",
        _params({"field": _FIELD}, ("field",)),
        (("field",),),
        {"zh-Hans": "表单字段", "en": "Form field"},
    ),
)

for _rule in BUILTIN_RULES:
    register_assignee_rule(_rule)


# Numbering series ---------------------------------------------------------------------------

NumberingLookup = Callable[[str], bool]
_numbering_lookup: list[NumberingLookup] = []


def register_numbering_series_lookup(lookup: NumberingLookup) -> None:
    """Install ``lookup(key) -> bool`` as the judge of which numbering series exist.

    Raises:
        AlreadyRegistered: a lookup is installed already (use
            :func:`numbering_series_lookup` in tests to swap one temporarily).
    """
    if _numbering_lookup:
        raise AlreadyRegistered("a numbering series lookup is already registered")
    _numbering_lookup.append(lookup)


def numbering_series_exists(key: str) -> bool:
    """Return whether the numbering series ``key`` exists (``False`` with no lookup).

    Raises:
        LookupUnavailable: the lookup cannot answer (see :func:`ask`).
    """
    return bool(_numbering_lookup) and bool(ask(_numbering_lookup[0], key))


def ask(lookup: Callable[[str], object], key: str) -> object:
    """Return ``lookup(key)``; a database error means the lookup cannot answer.

    A lookup reads tables of an upper layer. Before ``migrate`` (or with no database at all, as
    when definition files are checked in a repository's CI) those tables are missing: that is
    "cannot check", which the validator reports apart from "does not exist".

    Raises:
        LookupUnavailable: ``lookup`` raised it, or failed with a database error.
    """
    try:
        return lookup(key)
    except DatabaseError as exc:
        raise LookupUnavailable(f"{type(exc).__name__}: {exc}") from exc


@contextmanager
def numbering_series_lookup(lookup: NumberingLookup | None) -> Iterator[None]:
    """Use ``lookup`` (or none at all) inside the ``with`` block, then restore the previous."""
    saved = list(_numbering_lookup)
    _numbering_lookup[:] = [lookup] if lookup is not None else []
    try:
        yield
    finally:
        _numbering_lookup[:] = saved


# The 公文 lifecycle and templates ------------------------------------------------------------


@dataclass(frozen=True)
class DocumentRules:
    """What the documents layer says of its steps, so the validator refuses what they would.

    The rules stay the documents layer's (one source): it registers functions built on its own
    state machine; the validator only asks them.

    Attributes:
        milestone_of: ``node → "sign" | "number" | "seal" | "dispatch" | "archive" |
            "register" | None``; ``node`` has ``type``, ``params`` and ``fields`` (mappings).
        advance: ``(milestone, state, kind, direction) → state after the step``, or ``None``
            when the step refuses a document in ``state`` (of that 文种 and 行文方向).
        initial_states: The states a document may be in when its flow starts.
        goes_back: ``(state, milestones ahead of the reopened step) → bool``: whether a
            退回 (or auto-return) may take a document in ``state`` back there.
        order: The milestones in flow order (for messages and the 退回 check).
    """

    milestone_of: Callable[[Any], str | None]
    advance: Callable[[str, str, str, str], str | None]
    initial_states: frozenset[str]
    goes_back: Callable[[str, frozenset[str]], bool]
    order: tuple[str, ...] = ()


_document_rules: list[DocumentRules] = []
_template_lookup: list[Callable[[str], bool]] = []


def register_document_rules(rules: DocumentRules) -> None:
    """Install the documents layer's :class:`DocumentRules` (once, at start-up).

    Raises:
        AlreadyRegistered: rules are installed already.
    """
    if _document_rules:
        raise AlreadyRegistered("document rules are already registered")
    _document_rules.append(rules)


def document_rules() -> DocumentRules | None:
    """Return the installed :class:`DocumentRules` (``None``: the 公文 steps are not checked)."""
    return _document_rules[0] if _document_rules else None


def register_template_lookup(lookup: Callable[[str], bool]) -> None:
    """Install ``lookup(key) -> bool`` as the judge of which 正文 templates exist.

    Raises:
        AlreadyRegistered: a lookup is installed already.
    """
    if _template_lookup:
        raise AlreadyRegistered("a template lookup is already registered")
    _template_lookup.append(lookup)


def template_exists(key: str) -> bool:
    """Return whether the 正文 template (or 文种) ``key`` exists.

    Raises:
        LookupUnavailable: no lookup is installed (the documents layer is not loaded), or it
            cannot answer.
    """
    if not _template_lookup:
        raise LookupUnavailable("no template lookup is registered")
    return bool(ask(_template_lookup[0], key))


@contextmanager
def documents_registered(
    rules: DocumentRules | None, templates: Callable[[str], bool] | None
) -> Iterator[None]:
    """Use ``rules`` and ``templates`` (or none) inside the ``with`` block, then restore."""
    saved = list(_document_rules), list(_template_lookup)
    _document_rules[:] = [rules] if rules is not None else []
    _template_lookup[:] = [templates] if templates is not None else []
    try:
        yield
    finally:
        _document_rules[:], _template_lookup[:] = saved

"""Rules as data: parse and validate a rule (shipped JSON or a department's row) into a spec.

A rule names a registered type, a severity, what it applies to (kinds, directions; empty means
all) and the type's parameters, with messages in Chinese and English. Messages may use
``{name}`` placeholders filled from the finding (plain substitution, never ``str.format``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from gongwen.documents.formatcheck import patterns
from gongwen.documents.formatcheck.problems import Severity
from gongwen.documents.formatcheck.registry import get_rule_type
from gongwen.documents.kinds import Direction, Kind

DEFAULT_RULES_PATH = Path(__file__).with_name("default_rules.json")
CODE_PATTERN = r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$"
MESSAGE = {
    "type": "object",
    "properties": {
        "zh-Hans": {"type": "string", "minLength": 1, "maxLength": 300},
        "en": {"type": "string", "minLength": 1, "maxLength": 300},
    },
    "required": ["zh-Hans", "en"],
    "additionalProperties": False,
}
RULE_SCHEMA = {
    "type": "object",
    "properties": {
        "code": {"type": "string", "pattern": CODE_PATTERN, "maxLength": 80},
        "type": {"type": "string"},
        "severity": {"enum": [s.value for s in Severity]},
        "kinds": {"type": "array", "items": {"enum": [k.value for k in Kind]}, "uniqueItems": True},
        "directions": {
            "type": "array",
            "items": {"enum": [d.value for d in Direction]},
            "uniqueItems": True,
        },
        "params": {"type": "object"},
        "message": MESSAGE,
        "messages": {"type": "object", "additionalProperties": MESSAGE},
    },
    "required": ["code", "type", "severity", "params", "message"],
    "additionalProperties": False,
}
_RULE_VALIDATOR = Draft202012Validator(RULE_SCHEMA)


class RuleDataError(ValueError):
    """Raised for rule data that is not valid; ``errors`` lists every problem."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("; ".join(errors))


@dataclass(frozen=True)
class RuleSpec:
    """A validated rule."""

    code: str
    type: str
    severity: Severity
    kinds: frozenset[str]
    directions: frozenset[str]
    params: dict[str, Any]
    messages: dict[str, tuple[str, str]]  # issue ("" = default) → (zh, en)
    source: str = "default"

    def applies_to(self, kind: str, direction: str) -> bool:
        """Return whether this rule checks documents of ``kind`` sent in ``direction``."""
        return (not self.kinds or kind in self.kinds) and (
            not self.directions or direction in self.directions
        )

    def message(self, issue: str, values: dict[str, Any]) -> tuple[str, str]:
        """Return the (zh, en) message for ``issue`` with ``values`` filled in."""
        zh, en = self.messages.get(issue) or self.messages[""]
        return fill(zh, values), fill(en, values)


def parse_rule(data: Any, *, source: str = "default", department: bool = False) -> RuleSpec:
    """Validate rule ``data`` and return its spec.

    Args:
        data: the rule as JSON data.
        source: where it came from (shown when a rule misbehaves).
        department: only accept the types open to departments.

    Raises:
        RuleDataError: with every problem found.
    """
    errors = [_error_text(e) for e in _RULE_VALIDATOR.iter_errors(data)]
    if errors:
        raise RuleDataError(errors)
    errors = rule_param_errors(data["type"], data["params"], department=department)
    if errors:
        raise RuleDataError(errors)
    messages = {"": _pair(data["message"])}
    messages.update({k: _pair(v) for k, v in data.get("messages", {}).items()})
    return RuleSpec(
        code=data["code"],
        type=data["type"],
        severity=Severity(data["severity"]),
        kinds=frozenset(data.get("kinds", ())),
        directions=frozenset(data.get("directions", ())),
        params=data["params"],
        messages=messages,
        source=source,
    )


def rule_param_errors(type_name: str, params: Any, *, department: bool = False) -> list[str]:
    """Return every problem with ``params`` for rule type ``type_name`` (empty when valid)."""
    try:
        rule_type = get_rule_type(type_name)
    except KeyError:
        return [f"type: unknown rule type {type_name!r}"]
    if department and not rule_type.department:
        return [f"type: {type_name!r} is not open to department rules"]
    errors = [
        f"params{_pointer(e)}: {e.message}"
        for e in Draft202012Validator(rule_type.params_schema).iter_errors(params)
    ]
    if not errors and isinstance(params, dict) and "pattern" in params:
        try:
            patterns.validate_pattern(params["pattern"])
        except patterns.PatternError as exc:
            errors.append(f"params/pattern: {exc}")
    return errors


@lru_cache(maxsize=1)
def default_rules() -> tuple[RuleSpec, ...]:
    """Return the shipped rules (``default_rules.json``), validated once.

    Raises:
        RuleDataError: if the shipped file is broken (a test guards this).
    """
    data = json.loads(DEFAULT_RULES_PATH.read_text(encoding="utf-8"))
    specs, errors, seen = [], [], set()
    for i, item in enumerate(data.get("rules", [])):
        try:
            spec = parse_rule(item, source="default")
        except RuleDataError as exc:
            errors.extend(f"rules/{i}/{e}" for e in exc.errors)
            continue
        if spec.code in seen:
            errors.append(f"rules/{i}/code: duplicate {spec.code!r}")
        seen.add(spec.code)
        specs.append(spec)
    if errors:
        raise RuleDataError(errors)
    return tuple(specs)


def fill(template: str, values: dict[str, Any]) -> str:
    """Replace ``{name}`` in ``template`` with printable, shortened ``values``."""
    return re.sub(
        r"\{([a-z_]+)\}",
        lambda m: _printable(values[m[1]]) if m[1] in values else m[0],
        template,
    )


def _printable(value: Any) -> str:
    text = str(value)
    short = text[:40] + ("…" if len(text) > 40 else "")
    return "".join(ch if ch.isprintable() else f"U+{ord(ch):04X}" for ch in short)


def _pair(message: dict[str, str]) -> tuple[str, str]:
    return message["zh-Hans"], message["en"]


def _pointer(error: Any) -> str:
    return "".join(f"/{p}" for p in error.absolute_path)


def _error_text(error: Any) -> str:
    return f"{_pointer(error).lstrip('/') or '(rule)'}: {error.message}"

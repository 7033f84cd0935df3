"""Operators are declared once, in a registry that fails loudly, and all are tested."""

from __future__ import annotations

import json

import pytest

from gongwen.expressions import REGISTRY, SUPPORTED_OPERATORS, Operator
from gongwen.expressions.operators import OperatorRegistry
from tests.expressions.casetable import CASES_FILE


def test_supported_operators_are_the_registry() -> None:
    assert REGISTRY.names() == SUPPORTED_OPERATORS
    assert "log" not in SUPPORTED_OPERATORS


def test_registering_a_name_twice_fails_loudly() -> None:
    registry = OperatorRegistry([REGISTRY.find("var")])
    with pytest.raises(ValueError, match="already registered"):
        registry.register(Operator("var", lambda *_: None, 0, 0))


def test_every_supported_operator_has_cases_in_the_shared_table() -> None:
    used: set[str] = set()
    stack = [
        case["rule"]
        for cases in json.loads(CASES_FILE.read_text())["families"].values()
        for case in cases
    ]
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, dict):
            used.update(value if len(value) == 1 else ())
            stack.extend(value.values())
    assert SUPPORTED_OPERATORS - used == set()

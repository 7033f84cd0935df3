"""The public JSON Logic conformance suite (jsonlogic.com ``tests.json``), when one is present.

The npm package json-logic-js 2.0.5 does not ship ``tests.json`` (its test script downloads
it), so the suite is read from, in order: ``designer/node_modules/json-logic-js/tests/
tests.json`` (should a release ship it again) or the file named by ``GONGWEN_JSONLOGIC_SUITE``.
Both the upstream shape (``[rule, data, expected]`` triples, comment strings) and the
object shape (``{"rule", "data", "result"}``) are read. Without a file the test skips, in CI
too: no registry package fetchable with pip or npm ships the file (see the docs).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from gongwen.expressions import SUPPORTED_OPERATORS, ExpressionError, check, evaluate
from tests.expressions.casetable import JSON_LOGIC_JS, canonical, encode


def _suite_file() -> Path | None:
    shipped = JSON_LOGIC_JS / "tests" / "tests.json"
    if shipped.is_file():
        return shipped
    named = os.environ.get("GONGWEN_JSONLOGIC_SUITE")
    return Path(named) if named else None


def _cases(path: Path) -> list[tuple[Any, Any, Any]]:
    entries = json.loads(path.read_text(encoding="utf-8"))
    cases = []
    for entry in entries:
        if isinstance(entry, list) and len(entry) == 3:
            cases.append(tuple(entry))
        elif isinstance(entry, dict) and "rule" in entry and "result" in entry:
            cases.append((entry["rule"], entry.get("data"), entry["result"]))
    return cases


def _operators(rule: Any) -> set[str]:
    found: set[str] = set()
    stack = [rule]
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, dict):
            if len(value) == 1:
                found.update(value)
            stack.extend(value.values())
    return found


@pytest.fixture(scope="module")
def suite() -> list[tuple[Any, Any, Any]]:
    path = _suite_file()
    if path is None or not path.is_file():
        pytest.skip("no tests.json: set GONGWEN_JSONLOGIC_SUITE to the public suite")
    cases = _cases(path)
    assert cases, f"{path} holds no cases"
    return cases


def test_supported_cases_give_the_expected_result(suite) -> None:
    failures = []
    for rule, data, expected in suite:
        if not _operators(rule) <= SUPPORTED_OPERATORS:
            continue
        try:
            actual = canonical(encode(evaluate(rule, data)))
        except ExpressionError as error:
            actual = f"error {error.code}"
        if actual != canonical(encode(expected)):
            failures.append((rule, data, expected, actual))
    assert failures == []


def test_cases_with_unsupported_operators_are_reported_by_check(suite) -> None:
    unreported = [
        rule
        for rule, _data, _expected in suite
        if not _operators(rule) <= SUPPORTED_OPERATORS
        and not any(p.code == "expression.unsupported_operator" for p in check(rule))
    ]
    assert unreported == []

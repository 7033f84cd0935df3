"""The browser (json-logic-js under node) and the server give the same value for every case.

Runs our own case table through the reference implementation the designer preview and the
form renderer use. A case marked ``browser_differs`` must really differ (so the note stays
true) and must be one that ``check()`` or the docs account for.
"""

from __future__ import annotations

from typing import Any

import pytest

from gongwen.expressions import ExpressionError, evaluate
from tests.expressions.casetable import (
    all_cases,
    canonical,
    encode,
    require_reference,
    run_reference,
)


def _server(case: dict[str, Any]) -> dict[str, Any]:
    try:
        return {"value": canonical(encode(evaluate(case["rule"], case["data"])))}
    except ExpressionError:
        return {"error": True}


def _browser(result: dict[str, Any]) -> dict[str, Any]:
    return {"error": True} if "error" in result else {"value": canonical(result["value"])}


@pytest.fixture(scope="module")
def browser_results() -> dict[str, dict[str, Any]]:
    require_reference()
    cases = all_cases()
    results = run_reference([(case["rule"], case["data"]) for case in cases])
    return {
        f"{c['family']}: {c['description']}": _browser(r)
        for c, r in zip(cases, results, strict=True)
    }


def test_every_case_agrees_with_the_browser(browser_results) -> None:
    disagreements = [
        (key, _server(case), browser_results[key])
        for case in all_cases()
        if "browser_differs" not in case
        for key in [f"{case['family']}: {case['description']}"]
        if _server(case) != browser_results[key]
    ]
    assert disagreements == []


def test_documented_differences_still_differ(browser_results) -> None:
    marked = [case for case in all_cases() if "browser_differs" in case]
    assert marked, "the table documents the known differences"
    for case in marked:
        key = f"{case['family']}: {case['description']}"
        assert _server(case) != browser_results[key], key


def test_a_wrong_expectation_would_be_caught(browser_results) -> None:
    # Guards the harness itself: the browser's answer for 1 == "1" is true, not false.
    assert run_reference([({"==": [1, "1"]}, None)]) == [{"value": True}]

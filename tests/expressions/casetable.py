"""The shared case table (``tests/fixtures/expressions/cases.json``) and the browser's runner."""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASES_FILE = ROOT / "tests" / "fixtures" / "expressions" / "cases.json"
JSON_LOGIC_JS = ROOT / "designer" / "node_modules" / "json-logic-js"
REFERENCE_RUNNER = Path(__file__).with_name("jsonlogic_reference.js")
_SPECIAL = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf, "-0": -0.0}


def family(name: str) -> list[Any]:
    """Return the cases of one operator family as pytest params, ids from the descriptions."""
    cases = json.loads(CASES_FILE.read_text(encoding="utf-8"))["families"][name]
    return [pytest.param(case, id=case["description"]) for case in cases]


def all_cases() -> list[dict[str, Any]]:
    """Return every case of every family, each with its ``family`` added."""
    families = json.loads(CASES_FILE.read_text(encoding="utf-8"))["families"]
    return [{**case, "family": name} for name, cases in families.items() for case in cases]


def decode(value: Any) -> Any:
    """Turn ``{"$number": …}`` markers (NaN, ±Infinity, -0) into floats, recursively."""
    if isinstance(value, dict):
        if set(value) == {"$number"}:
            return _SPECIAL[value["$number"]]
        return {key: decode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [decode(item) for item in value]
    return value


def encode(value: Any) -> Any:
    """Turn NaN, ±Infinity and -0.0 into ``{"$number": …}`` markers, recursively."""
    if isinstance(value, float) and (not math.isfinite(value) or value == 0):
        if math.isnan(value):
            return {"$number": "NaN"}
        if math.isinf(value):
            return {"$number": "Infinity" if value > 0 else "-Infinity"}
        return {"$number": "-0"} if math.copysign(1.0, value) < 0 else 0
    if isinstance(value, dict):
        return {key: encode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [encode(item) for item in value]
    return value


def require_reference() -> None:
    """Skip (locally) or fail (under CI) unless node and json-logic-js are installed."""
    if shutil.which("node") and JSON_LOGIC_JS.is_dir():
        return
    message = "node or designer/node_modules/json-logic-js missing: run `npm ci --prefix designer`"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def run_reference(pairs: list[tuple[Any, Any]]) -> list[dict[str, Any]]:
    """Evaluate ``(rule, data)`` pairs with json-logic-js under node; one result dict each."""
    completed = subprocess.run(  # noqa: S603 - fixed argv: node, our runner, a local path
        [shutil.which("node") or "node", str(REFERENCE_RUNNER), str(JSON_LOGIC_JS)],
        input=json.dumps([list(pair) for pair in pairs]),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        timeout=120,
    )
    return json.loads(completed.stdout)


def canonical(value: Any) -> Any:
    """Return a form of ``value`` in which ``True`` ≠ ``1`` but ``2`` = ``2.0``."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int | float):
        return ("number", float(value))
    if isinstance(value, list):
        return ("array", [canonical(item) for item in value])
    if isinstance(value, dict):
        return ("object", sorted((key, canonical(item)) for key, item in value.items()))
    return (type(value).__name__, value)


def assert_case(case: dict[str, Any]) -> None:
    """Evaluate one table case and assert its expected value (or that it fails cleanly)."""
    from gongwen.expressions import ExpressionError, evaluate

    if case.get("error"):
        with pytest.raises(ExpressionError):
            evaluate(case["rule"], case["data"])
        return
    actual = evaluate(case["rule"], case["data"])
    assert canonical(encode(actual)) == canonical(case["expected"])

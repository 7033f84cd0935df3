"""Random rules over random data give the same value in the browser and on the server.

Hypothesis draws batches of operator-shaped rules (so most of them do something) and runs each
batch through json-logic-js under node once; a disagreement shrinks to a minimal rule.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongwen.expressions import SUPPORTED_OPERATORS, ExpressionError, evaluate
from tests.expressions.casetable import canonical, encode, require_reference, run_reference

_PATHS = ["a", "b", "c", "c.1", "d.e", "d.f.1", "s", "s.length", "n", "arr.1.0", "", "nope"]
_DATA = {
    "a": 1,
    "b": "2",
    "c": [1, 2, 3],
    "d": {"e": None, "f": [0, "x"]},
    "s": "公文😀",
    "n": None,
    "arr": [[1], [2, 3], "q"],
}
_CORNERS = [None, True, False, 0, 1, -1, 2, 0.5, 10, 1e21, 3.7, "", "0", "1", "a", "abc"]
_CORNERS += [" 2 ", "1e3", "0x1F", "-5", "10", "9", "length", "😀a", "公文", [], [1], [None]]
scalars = st.sampled_from(_CORNERS) | st.integers(-1000, 1000)
leaves = scalars | st.builds(lambda path: {"var": path}, st.sampled_from(_PATHS))
rules = st.recursive(
    leaves,
    lambda inner: (
        st.builds(
            lambda name, args: {name: args},
            st.sampled_from(sorted(SUPPORTED_OPERATORS)),
            st.lists(inner, max_size=4) | inner,
        )
        | st.lists(inner, max_size=3)
    ),
    max_leaves=12,
)


def _server(rule: Any) -> dict[str, Any]:
    try:
        return {"value": canonical(encode(evaluate(rule, _DATA)))}
    except ExpressionError:
        return {"error": True}


def _browser(result: dict[str, Any]) -> dict[str, Any]:
    return {"error": True} if "error" in result else {"value": canonical(result["value"])}


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(rules, min_size=50, max_size=50))
def test_random_rules_agree_with_the_browser(batch) -> None:
    require_reference()
    browser = run_reference([(rule, _DATA) for rule in batch])
    disagreements = [
        (rule, _server(rule), _browser(result))
        for rule, result in zip(batch, browser, strict=True)
        if _server(rule) != _browser(result)
    ]
    assert disagreements == []

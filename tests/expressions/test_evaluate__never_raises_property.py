"""Random JSON — deep, wide, unicode — as rule and data: only ``ExpressionError`` escapes.

``evaluate`` may refuse a rule (``ExpressionError``), never with an internal error;
``check`` never raises at all. Example counts stay modest: the machine is shared.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongwen.expressions import SUPPORTED_OPERATORS, ExpressionError, Limits, check, evaluate

_EXAMPLES = 600 if os.environ.get("CI") else 150
_SETTINGS = settings(
    max_examples=_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
_NAMES = [*sorted(SUPPORTED_OPERATORS), "log", "nope", "", "var.x", "__class__"]

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
    | st.sampled_from(["", "0", "1", "-1", " 2 ", "1e3", "0x1F", "a.b", "0.1", "length", "😀"])
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=40,
)
rules = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.builds(
            lambda op, args: {op: args},
            st.sampled_from(_NAMES),
            st.lists(inner, max_size=4) | inner,
        )
        | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=30,
)


def _deep(depth: int, name: str, leaf: object) -> object:
    rule = leaf
    for _ in range(depth):
        rule = {name: [rule]}
    return rule


def _evaluate_cleanly(rule: object, data: object, limits: Limits | None = None) -> None:
    try:
        evaluate(rule, data, limits=limits)
    except ExpressionError as error:
        assert error.code != "expression.internal", repr(error.__cause__)


@_SETTINGS
@given(rules, json_values)
def test_random_rules_and_data_only_raise_expression_errors(rule, data) -> None:
    _evaluate_cleanly(rule, data)
    check(rule)


@_SETTINGS
@given(json_values, json_values)
def test_random_json_as_rule_never_crashes(rule, data) -> None:
    _evaluate_cleanly(rule, data)
    check(rule)


@_SETTINGS
@given(
    st.integers(min_value=0, max_value=3_000),
    st.sampled_from(_NAMES),
    json_values,
    json_values,
)
def test_deep_rules_are_refused_cleanly(depth, name, leaf, data) -> None:
    rule = _deep(depth, name, leaf)
    _evaluate_cleanly(rule, data, Limits(max_steps=5_000))
    check(rule)

"""Exclusive gateways route on form values; parallel splits run branches that a join waits for."""

from __future__ import annotations

import pytest

from gongwen.runtime.actions import Approve
from tests.runtime.helpers import open_at, positions, start
from tests.runtime.specs import flow, node

pytest.importorskip("gongwen.expressions")


def _exclusive():
    return flow(
        "route",
        [
            node("start", "start"),
            node("route", "exclusive"),
            node("sign", "approve", {"rule": "user", "username": "zhangjianguo"}),
            node("office", "approve", {"rule": "user", "username": "wujing"}),
            node("end", "end"),
        ],
        [
            ("start", "route"),
            ("route", "sign", {"when": {">": [{"var": "form.amount"}, 100000]}}),
            ("route", "office", {"default": True}),
            ("sign", "end"),
            ("office", "end"),
        ],
    )


@pytest.mark.parametrize(
    ("amount", "expected"), [(500000, "sign"), (100000, "office"), (None, "office")]
)
def test_exclusive_gateway_routes_on_a_form_value(people, amount, expected) -> None:
    process = start(_exclusive(), people["huangmin"], data={"amount": amount})
    assert [node_id for node_id, _ in positions(process)] == [expected]


def _parallel():
    return flow(
        "parallel",
        [
            node("start", "start"),
            node("split", "parallel"),
            node("a", "approve", {"rule": "user", "username": "wujing"}),
            node("b", "approve", {"rule": "user", "username": "yangfan"}),
            node("join", "join"),
            node("after", "handle", {"rule": "user", "username": "guoyan"}),
            node("end", "end"),
        ],
        [
            ("start", "split"),
            ("split", "a"),
            ("split", "b"),
            ("a", "join"),
            ("b", "join"),
            ("join", "after"),
            ("after", "end"),
        ],
    )


def test_parallel_split_opens_every_branch_and_the_join_waits_for_all(people) -> None:
    process = start(_parallel(), people["huangmin"])
    assert positions(process) == [("a", "wujing"), ("b", "yangfan")]

    Approve(open_at(process, "b")[0], people["yangfan"]).execute()
    assert positions(process) == [("a", "wujing")]

    Approve(open_at(process, "a")[0], people["wujing"]).execute()
    assert positions(process) == [("after", "guoyan")]

    Approve(open_at(process, "after")[0], people["guoyan"]).execute()
    process.refresh_from_db()
    assert process.outcome == "completed"

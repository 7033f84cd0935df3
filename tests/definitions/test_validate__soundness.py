"""Soundness rules the fixtures do not show alone (docs/definitions.md, Graph rules)."""

from __future__ import annotations

from gongwen.definitions import validate


def test_a_join_of_two_exclusive_branches_is_refused_with_or_without_an_earlier_split(
    basic_flow, basic_form
):
    """The join rule depends on where the join is, not on what came before it."""
    tail = [
        {"id": "choose", "type": "exclusive"},
        {"id": "fast", "type": "handle", "assignee": {"rule": "initiator"}},
        {"id": "slow", "type": "handle", "assignee": {"rule": "initiator"}},
        {"id": "merge", "type": "join"},
    ]
    wiring = [
        {"from": "choose", "to": "fast", "when": {">": [{"var": "form.amount"}, 5]}},
        {"from": "choose", "to": "slow", "default": True},
        {"from": "fast", "to": "merge"},
        {"from": "slow", "to": "merge"},
    ]
    alone = {
        **basic_flow,
        "nodes": [basic_flow["nodes"][0], *tail, {"id": "end", "type": "end"}],
        "edges": [
            {"from": "draft", "to": "choose"},
            *wiring,
            {"from": "merge", "to": "end"},
        ],
    }
    after_split = {
        **basic_flow,
        "nodes": [*basic_flow["nodes"], *tail],
        "edges": [
            *(e for e in basic_flow["edges"] if e["from"] != "join"),
            {"from": "join", "to": "choose"},
            *wiring,
            {"from": "merge", "to": "end"},
        ],
    }
    for flow in (alone, after_split):
        codes = [p.code for p in validate(flow, form=basic_form)]
        assert codes == ["flow.join_without_split"], codes

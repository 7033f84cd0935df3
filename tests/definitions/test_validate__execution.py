"""What executing a flow would refuse is refused at validation (issue 12).

The fixtures in ``invalid/`` show one reproduction per code; these tests show the other side:
what the documents layer accepts stays valid (a 纪要 dispatched unsealed, a 收文 registered
and archived), the rules are the documents layer's own, and without its registries the 公文
checks are *not checked*, not silently passed.
"""

from __future__ import annotations

import copy
from datetime import datetime
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from gongwen.definitions import validate
from gongwen.definitions.durations import MAX_DEADLINE
from gongwen.definitions.registries import document_rules, documents_registered
from gongwen.documents.steps import RULES
from gongwen.runtime.calendar.arithmetic import add_working_time

from .conftest import FIXTURES, load

INVALID = FIXTURES / "invalid"


def codes(flow, form) -> list[tuple[str, str]]:
    return [(p.code, p.pointer) for p in validate(flow, form=form)]


def test_the_rules_are_the_documents_layers_own():
    assert document_rules() is RULES


def test_a_minutes_document_is_dispatched_unsealed(basic_form):
    flow = load(INVALID / "flow.document_step_out_of_order__unsealed_notice.json")
    flow["document"].update(kind="纪要", template="minutes")
    assert codes(flow, basic_form) == []


def test_a_received_document_is_registered_then_archived(basic_form):
    flow = load(INVALID / "flow.number_step_without_series.json")
    flow["document"].update(direction="incoming", numbering_series="测试发")
    nodes = flow["nodes"]
    nodes[1:6] = [{**nodes[2], "id": "register", "type": "register"}, nodes[5]]
    ids = [n["id"] for n in nodes]
    flow["edges"] = [{"from": a, "to": b} for a, b in pairwise(ids)]
    assert codes(flow, basic_form) == []
    outgoing = copy.deepcopy(flow)
    outgoing["document"]["direction"] = "down"
    assert codes(outgoing, basic_form) == [("flow.document_step_out_of_order", "/nodes/1")]


def test_a_return_from_numbering_to_signing_is_fine(basic_form):
    flow = load(INVALID / "flow.number_step_without_series.json")
    flow["document"]["numbering_series"] = "测试发"
    assert codes(flow, basic_form) == []
    flow["nodes"][2].update(actions=["approve", "return_to"], return_targets=["sign"])
    assert codes(flow, basic_form) == []  # 退回 takes the document back; a loop edge does not


def test_without_the_documents_registries_the_document_checks_are_not_checked(basic_form):
    flow = load(INVALID / "flow.document_step_out_of_order.json")
    with documents_registered(None, None):
        unchecked: list = []
        assert validate(flow, form=basic_form, unchecked=unchecked) == []
        assert sorted(p.code for p in unchecked) == [
            "flow.document_steps_not_checked",
            "flow.template_not_checked",
        ]
        assert {p.code for p in validate(flow, form=basic_form)} == {
            "flow.document_steps_not_checked",
            "flow.template_not_checked",
        }
    assert codes(flow, basic_form) == [("flow.document_step_out_of_order", "/nodes/2")]


def test_a_flow_without_document_settings_has_no_document_rules(basic_form):
    flow = load(INVALID / "flow.document_step_out_of_order.json")
    del flow["document"]
    assert codes(flow, basic_form) == []


@pytest.mark.django_db
@pytest.mark.parametrize("working_time", [True, False])
def test_the_longest_deadline_is_placed_by_the_working_day_calendar(working_time):
    start = datetime(2026, 1, 5, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    due = add_working_time(start, MAX_DEADLINE, working_time=working_time)
    assert due > start

"""What the random walks found once they checked available_actions at every step.

Kept as small tests; an ``xfail`` is a runtime bug not fixed yet (outside this change's files).
The first is strict (it fails loudly once fixed, so the mark comes off); the second shows in
about one run of four (which parallel branch's task is created last varies between
interpreters), so it cannot be.
"""

from __future__ import annotations

import pytest

from gongwen.definitions import compile_flow
from gongwen.runtime.actions import AddSigner, Approve, Jump, Transfer, Withdraw
from gongwen.runtime.models import OPEN_STATUSES, Task
from tests.runtime.helpers import open_at, start
from tests.runtime.specs import chain, node


@pytest.mark.xfail(
    strict=True,
    reason="handover.step_holders counts standing approvals on every node but a 依次 one: "
    "someone who approved within a 依次 node's parallel group can be handed a second task "
    "there (转办), and 撤回 then gives them two",
)
def test_sequential_group_transfer_to_who_approved_then_withdraw(people) -> None:
    spec = chain(
        "group-withdraw",
        node("seq", "handle", {"rule": "user", "username": "liuyang"}, mode="sequential"),
        node("after", "approve", {"rule": "user", "username": "hetao"}),
    )
    process = start(spec, people["huangmin"])
    (mine,) = open_at(process, "seq")
    AddSigner(mine, people["liuyang"], people=[people["wujing"]], position="parallel").execute()
    Approve(mine, people["liuyang"]).execute()
    (theirs,) = open_at(process, "seq")
    Transfer(theirs, people["wujing"], to=people["liuyang"]).execute()  # should be refused
    Withdraw(mine, people["liuyang"]).execute()
    held = Task.objects.filter(
        process=process, node_id="seq", status__in=OPEN_STATUSES, owner=people["liuyang"]
    )
    assert held.count() == 1


#: A flow the walks drew (render of random_flows): 特急 skips a1; a6 finds nobody (skip).
JUMP_NODES = [
    {"id": "start", "type": "start"},
    {
        "id": "a1",
        "type": "approve",
        "mode": "all",
        "skippable_when_urgent": True,
        "return_targets": ["*"],
        "assignee": {"rule": "user", "username": "chenming"},
    },
    {"id": "split2", "type": "parallel"},
    {
        "id": "c3",
        "type": "approve",
        "mode": "single",
        "assignee": {"rule": "role", "role": "registrar", "within": "initiator_org"},
        "claim": True,
    },
    {
        "id": "c4",
        "type": "approve",
        "mode": "single",
        "assignee": {"rule": "role", "role": "registrar", "within": "initiator_org"},
        "claim": True,
    },
    {"id": "join5", "type": "join"},
    {
        "id": "a6",
        "type": "approve",
        "mode": "sequential",
        "assignee": {"rule": "form_field", "field": "a6_people"},
        "on_empty": "skip",
    },
    {"id": "split7", "type": "parallel"},
    {
        "id": "h8",
        "type": "handle",
        "mode": "single",
        "assignee": {"rule": "form_field", "field": "h8_people"},
    },
    {
        "id": "a9",
        "type": "approve",
        "mode": "all",
        "return_targets": ["*"],
        "assignee": {"rule": "form_field", "field": "a9_people"},
    },
    {"id": "join10", "type": "join"},
    {
        "id": "a11",
        "type": "approve",
        "mode": "ratio",
        "ratio": 0.5,
        "return_targets": ["*"],
        "assignee": {"rule": "form_field", "field": "a11_people"},
    },
    {"id": "x12", "type": "exclusive"},
    {"id": "cc13", "type": "cc", "assignee": {"rule": "user", "username": "yangfan"}},
    {"id": "end", "type": "end"},
]
JUMP_EDGES = [
    {"from": "start", "to": "a1"},
    {"from": "a1", "to": "split2"},
    {"from": "split2", "to": "c3"},
    {"from": "split2", "to": "c4"},
    {"from": "c3", "to": "join5"},
    {"from": "c4", "to": "join5"},
    {"from": "join5", "to": "a6"},
    {"from": "a6", "to": "split7"},
    {"from": "split7", "to": "h8"},
    {"from": "split7", "to": "a9"},
    {"from": "h8", "to": "join10"},
    {"from": "a9", "to": "join10"},
    {"from": "join10", "to": "a11"},
    {"from": "a11", "to": "x12"},
    {"from": "x12", "to": "cc13", "when": {">": [{"var": "form.amount"}, 0]}, "order": 1},
    {"from": "cc13", "to": "end"},
    {"from": "x12", "to": "end", "default": True},
]


@pytest.mark.xfail(
    strict=False,  # it shows in about one run of four: which branch's task is newest varies
    reason="Jump reopens the target from the latest task; when that task was open (cancelled "
    "by the jump) and the target is skipped (on_empty skip), the cancelled task comes back "
    "open (NEW): here a 认领 task of the split before stays open beside the steps after "
    "the join, and the join then waits for ever",
)
def test_jump_to_a_skipped_step_leaves_nothing_open_before_it(people) -> None:
    fields = [{"name": "amount", "type": "number", "label": {"zh-Hans": "金额", "en": "Amount"}}]
    for item in JUMP_NODES:
        if item.get("assignee", {}).get("rule") == "form_field":
            label = {"zh-Hans": "人员", "en": "People"}
            name = item["assignee"]["field"]
            fields.append({"name": name, "type": "person", "label": label, "multiple": True})
    name = {"zh-Hans": "跳转", "en": "Jump"}
    form = {"schema_version": 1, "kind": "form", "key": "jz", "name": name, "fields": fields}
    flow_doc = {
        "schema_version": 1,
        "kind": "flow",
        "key": "found-jump",
        "name": name,
        "form": "found-jump",
        "nodes": JUMP_NODES,
        "edges": JUMP_EDGES,
    }
    spec = compile_flow(flow_doc, {**form, "key": "found-jump"}, version=1)
    data = {
        "amount": 0,
        "a6_people": [],
        "h8_people": ["hetao"],
        "a9_people": ["guoyan", "linfeng"],
        "a11_people": ["huangmin", "hetao"],
    }
    process = start(spec, people["huangmin"], data=data, urgency="特急")
    Jump(process, people["admin"], target="a6", reason="调整").execute()
    still_open = Task.objects.filter(process=process, status__in=OPEN_STATUSES)
    assert not {"c3", "c4"} & {t.node_id for t in still_open}

"""Assignee rules resolve to the right people of the demo county; empty results follow policy."""

from __future__ import annotations

import pytest

from gongwen.org.models import User
from gongwen.runtime.actions import Approve
from gongwen.runtime.assignees import AssigneeContext, resolve, resolvers
from gongwen.runtime.exceptions import NoAssignee, UnknownAssigneeRule
from gongwen.runtime.models import Process, TraceEntry
from tests.runtime.helpers import open_at, positions, snapshot, start
from tests.runtime.specs import chain, node


def _names(rule: dict, people, initiator="huangmin", data=None, chosen=None) -> list[str]:
    spec = node("x", "approve", rule)
    process = Process(initiator=people[initiator], data=data or {}, chosen=chosen or {})
    context = AssigneeContext(process=process, node=spec)
    return [u.username for u in resolve(spec.assignee, context)]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({"rule": "user", "username": "wujing"}, ["wujing"]),
        ({"rule": "department_head", "of": "initiator"}, ["yangfan"]),
        ({"rule": "department_head", "of": {"department": "czj"}}, ["tangjun"]),
        ({"rule": "department_head", "of": {"field": "dept"}}, ["xiehong"]),
        ({"rule": "superior", "level": 1}, ["yangfan"]),
        ({"rule": "superior", "level": 2}, ["chenming"]),
        ({"rule": "initiator"}, ["huangmin"]),
        (
            {"rule": "role", "role": "office_reviewer", "within": "initiator_org"},
            ["chenming", "liuyang", "linfeng"],
        ),
        ({"rule": "role", "role": "section_head", "within": "initiator_department"}, ["yangfan"]),
        ({"rule": "position", "title": "科长"}, ["yangfan"]),
        ({"rule": "form_field", "field": "reviewers"}, ["hetao", "guoyan"]),
        ({"rule": "initiator_chosen", "multiple": True}, ["mahui"]),
    ],
)
def test_builtin_rules_resolve_to_the_expected_people(people, rule, expected) -> None:
    data = {"dept": "fgj-ghk", "reviewers": ["hetao", "guoyan", "nobody"]}
    chosen = {"x": ["mahui"]}
    assert sorted(_names(rule, people, data=data, chosen=chosen)) == sorted(expected)


def test_leader_in_charge_is_found_up_the_tree(people) -> None:
    names = _names({"rule": "leader_in_charge"}, people, initiator="hanbing")
    assert len(names) == 1
    assert User.objects.get(username=names[0]).is_active


def test_unknown_rule_fails_loudly(people) -> None:
    with pytest.raises(UnknownAssigneeRule):
        _names({"rule": "astrology"}, people)


def test_plugins_can_register_a_rule_and_duplicates_are_refused(people) -> None:
    resolvers.register(
        "everyone_named_wu",
        lambda params, ctx: list(
            User.objects.filter(username__startswith="wu").order_by("username")
        ),
    )
    try:
        assert _names({"rule": "everyone_named_wu"}, people) == ["wujing"]
        with pytest.raises(ValueError, match="already registered"):
            resolvers.register("everyone_named_wu", lambda params, ctx: [])
    finally:
        resolvers.unregister("everyone_named_wu")


def _empty(policy: str):
    return chain(
        f"empty-{policy}",
        node("nobody", "approve", {"rule": "form_field", "field": "missing"}, on_empty=policy),
        node("office", "approve", {"rule": "user", "username": "wujing"}),
    )


def test_empty_result_with_skip_policy_skips_the_node_and_traces_it(people) -> None:
    process = start(_empty("skip"), people["huangmin"])
    assert positions(process) == [("office", "wujing")]
    skip = TraceEntry.objects.get(process=process, action="gongwen.node.skip")
    assert (skip.node_id, skip.payload) == ("nobody", {"reason": "no_assignee"})


def test_empty_result_with_to_admin_policy_goes_to_an_administrator(people) -> None:
    admin = User.objects.filter(is_superuser=True, is_active=True).order_by("id").first()
    assert admin is not None  # the demo county has an administrator
    process = start(_empty("to_admin"), people["huangmin"])
    assert positions(process) == [("nobody", admin.username)]


def test_empty_result_with_error_policy_refuses_and_writes_nothing(people) -> None:
    before = snapshot()
    with pytest.raises(NoAssignee):
        start(_empty("error"), people["huangmin"])
    assert snapshot() == before


def test_urgent_process_skips_nodes_marked_skippable(people) -> None:
    spec = chain(
        "urgent",
        node(
            "office", "approve", {"rule": "user", "username": "wujing"}, skippable_when_urgent=True
        ),
        node("sign", "approve", {"rule": "user", "username": "zhangjianguo"}),
    )
    assert positions(start(spec, people["huangmin"]))[0][0] == "office"
    process = start(spec, people["huangmin"], urgency="特急")
    assert positions(process) == [("sign", "zhangjianguo")]
    skip = TraceEntry.objects.get(process=process, action="gongwen.node.skip")
    assert skip.payload == {"reason": "urgent"}


def test_same_person_twice_in_a_row_is_auto_approved_when_the_node_says_so(people) -> None:
    spec = chain(
        "dedupe",
        node("section", "approve", {"rule": "user", "username": "wujing"}),
        node("again", "approve", {"rule": "user", "username": "wujing"}, auto_approve_repeat=True),
        node("sign", "approve", {"rule": "user", "username": "zhangjianguo"}),
    )
    process = start(spec, people["huangmin"])
    Approve(open_at(process, "section")[0], people["wujing"]).execute()
    assert positions(process) == [("sign", "zhangjianguo")]
    assert TraceEntry.objects.filter(
        process=process, action="gongwen.task.auto_approve", node_id="again"
    ).exists()


def test_previous_step_chooses_the_next_assignee(people) -> None:
    spec = chain(
        "chosen",
        node("section", "approve", {"rule": "user", "username": "wujing"}),
        node("handler", "handle", {"rule": "previous_step_chosen"}),
    )
    process = start(spec, people["huangmin"])
    Approve(
        open_at(process, "section")[0], people["wujing"], chosen={"handler": ["guoyan"]}
    ).execute()
    assert positions(process) == [("handler", "guoyan")]


def test_an_approver_cannot_overwrite_the_initiators_picks(people) -> None:
    from gongwen.runtime.exceptions import InvalidInput
    from tests.runtime.helpers import snapshot

    spec = chain(
        "chosen-guard",
        node("section", "approve", {"rule": "user", "username": "wujing"}),
        node("sign", "approve", {"rule": "initiator_chosen"}),
    )
    process = start(spec, people["huangmin"], chosen={"sign": ["zhangjianguo"]})
    section = open_at(process, "section")[0]
    before = snapshot()
    for chosen in ({"sign": ["wujing"]}, {"no-such-node": ["wujing"]}):
        with pytest.raises(InvalidInput):
            Approve(section, people["wujing"], chosen=chosen).execute()
    assert snapshot() == before
    Approve(section, people["wujing"]).execute()
    assert positions(process) == [("sign", "zhangjianguo")]

"""委托 one task (acts on behalf, not passed on again) and admin jump (any person's step)."""

from __future__ import annotations

import pytest

from gongwen.runtime.actions import Approve, Delegate, Jump
from gongwen.runtime.exceptions import Conflict, InvalidInput, InvalidTarget, NotPermitted
from gongwen.runtime.models import Outcome, Task, TraceEntry
from gongwen.runtime.opinions import opinion_history
from tests.runtime.helpers import open_at, positions, snapshot, start
from tests.runtime.specs import chain, node


def _spec():
    return chain(
        "delegate",
        node("section", "approve", {"rule": "department_head", "of": "initiator"}),
        node("office", "approve", {"rule": "user", "username": "wujing"}),
        node("sign", "approve", {"rule": "user", "username": "zhangjianguo"}),
    )


def test_a_delegated_task_is_done_by_the_delegate_on_behalf_of_the_holder(people) -> None:
    process = start(_spec(), people["huangmin"])
    (task,) = open_at(process, "section")
    Delegate(task, people["yangfan"], to=people["wujing"]).execute()

    assert positions(process) == [("section", "wujing")]
    Approve(task, people["wujing"], opinion="同意（代）").execute()

    entry = TraceEntry.objects.get(process=process, action="gongwen.task.approve")
    assert (entry.actor, entry.on_behalf_of) == (people["wujing"], people["yangfan"])
    (revision,) = opinion_history(task)
    assert (revision.actor, revision.on_behalf_of) == (people["wujing"], people["yangfan"])
    delegated = TraceEntry.objects.get(process=process, action="gongwen.task.delegate")
    assert delegated.payload["to"] == people["wujing"].pk


def test_a_delegated_task_cannot_be_delegated_again_nor_kept_by_the_delegator(people) -> None:
    process = start(_spec(), people["huangmin"])
    (task,) = open_at(process, "section")
    Delegate(task, people["yangfan"], to=people["wujing"]).execute()
    before = snapshot()
    with pytest.raises(NotPermitted):
        Delegate(task, people["wujing"], to=people["chenming"]).execute()
    with pytest.raises(NotPermitted):
        Approve(task, people["yangfan"]).execute()
    assert snapshot() == before


@pytest.mark.parametrize("who", [None, "yangfan", "inactive"])
def test_delegating_to_nobody_oneself_or_someone_inactive_is_refused(people, who) -> None:
    process = start(_spec(), people["huangmin"])
    (task,) = open_at(process, "section")
    to = people.get(who)
    if who == "inactive":
        to = people["chenming"]
        to.is_active = False
        to.save()
    before = snapshot()
    with pytest.raises(InvalidInput):
        Delegate(task, people["yangfan"], to=to).execute()
    assert snapshot() == before


def test_an_administrator_jumps_a_process_to_a_later_step(people, django_user_model) -> None:
    admin = django_user_model.objects.create_superuser("root", password="x")
    process = start(_spec(), people["huangmin"])
    (section,) = open_at(process, "section")

    Jump(process, admin, target="sign", reason="领导已口头同意").execute()

    section.refresh_from_db()
    assert section.outcome == Outcome.SUPERSEDED
    assert positions(process) == [("sign", "zhangjianguo")]
    entry = TraceEntry.objects.get(process=process, action="gongwen.admin.jump")
    assert (entry.actor, entry.opinion, entry.node_id) == (admin, "领导已口头同意", "sign")
    Approve(open_at(process, "sign")[0], people["zhangjianguo"]).execute()
    process.refresh_from_db()
    assert process.finished is not None


def test_a_jump_can_name_who_gets_the_step(people, django_user_model) -> None:
    admin = django_user_model.objects.create_superuser("root", password="x")
    process = start(_spec(), people["huangmin"])
    Jump(process, admin, target="office", to=[people["chenming"], people["wujing"]]).execute()
    assert sorted(positions(process)) == [("office", "chenming"), ("office", "wujing")]


def test_only_administrators_jump_and_only_to_a_persons_step(people, django_user_model) -> None:
    admin = django_user_model.objects.create_superuser("root", password="x")
    process = start(_spec(), people["huangmin"])
    before = snapshot()
    with pytest.raises(NotPermitted):
        Jump(process, people["huangmin"], target="sign").execute()
    for target in ("nowhere", "start", "end", None):
        with pytest.raises(InvalidTarget):
            Jump(process, admin, target=target).execute()
    assert snapshot() == before
    Jump(process, admin, target="sign").execute()
    Approve(open_at(process, "sign")[0], people["zhangjianguo"]).execute()
    before = snapshot()
    with pytest.raises(Conflict):
        Jump(process, admin, target="office").execute()
    assert snapshot() == before
    assert not Task.objects.filter(process=process, status="ASSIGNED").exists()


def test_a_jump_to_a_step_that_finds_nobody_and_may_be_skipped_moves_on(
    people, django_user_model
) -> None:
    admin = django_user_model.objects.create_superuser("root", password="x")
    spec = chain(
        "jump-skip",
        node("section", "approve", {"rule": "user", "username": "yangfan"}),
        node("vacant", "approve", {"rule": "role", "role": "no_such_role"}, on_empty="skip"),
        node("sign", "approve", {"rule": "user", "username": "zhangjianguo"}),
    )
    process = start(spec, people["huangmin"])

    result = Jump(process, admin, target="vacant").execute()

    assert positions(process) == [("sign", "zhangjianguo")]
    assert result.opened_task_ids == [t.pk for t in open_at(process, "sign")]
    skip = TraceEntry.objects.get(process=process, action="gongwen.node.skip")
    assert (skip.node_id, skip.payload) == ("vacant", {"reason": "no_assignee"})
    timeline = list(
        TraceEntry.objects.filter(process=process).order_by("pk").values_list("action", flat=True)
    )
    assert timeline[-2:] == ["gongwen.admin.jump", "gongwen.node.skip"]  # the jump came first

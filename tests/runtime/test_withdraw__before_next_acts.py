"""撤回: take back a step while the next person has not acted; afterwards it is refused."""

from __future__ import annotations

import pytest

from gongwen.runtime.actions import Approve, Withdraw
from gongwen.runtime.exceptions import Conflict, NotPermitted
from gongwen.runtime.models import Task
from tests.runtime.helpers import open_at, positions, snapshot, start
from tests.runtime.specs import chain, node


def _spec():
    return chain(
        "withdraw",
        node("section", "approve", {"rule": "department_head", "of": "initiator"}),
        node("office", "approve", {"rule": "user", "username": "wujing"}),
        node("sign", "approve", {"rule": "user", "username": "zhangjianguo"}),
    )


def test_withdraw_before_the_next_person_acts_reopens_the_step(people) -> None:
    process = start(_spec(), people["huangmin"])
    done = open_at(process, "section")[0]
    Approve(done, people["yangfan"]).execute()

    Withdraw(done, people["yangfan"]).execute()

    assert positions(process) == [("section", "yangfan")]
    office = Task.objects.get(process=process, node_id="office")
    assert (office.status, office.outcome) == ("CANCELED", "withdrawn")


def test_withdraw_after_the_next_person_acted_is_refused_and_changes_nothing(people) -> None:
    process = start(_spec(), people["huangmin"])
    done = open_at(process, "section")[0]
    Approve(done, people["yangfan"]).execute()
    Approve(open_at(process, "office")[0], people["wujing"]).execute()
    before = snapshot()

    with pytest.raises(Conflict) as refused:
        Withdraw(done, people["yangfan"]).execute()

    assert refused.value.code == "action.conflict"
    assert snapshot() == before


def test_only_the_person_who_completed_a_step_may_withdraw_it(people) -> None:
    process = start(_spec(), people["huangmin"])
    done = open_at(process, "section")[0]
    Approve(done, people["yangfan"]).execute()
    with pytest.raises(NotPermitted):
        Withdraw(done, people["wujing"]).execute()


def test_initiator_withdraws_a_submission_nobody_has_acted_on(people) -> None:
    process = start(_spec(), people["huangmin"])
    start_task = Task.objects.get(process=process, node_id="start")

    Withdraw(start_task, people["huangmin"]).execute()

    assert positions(process) == [("@resubmit", "huangmin")]


def test_withdraw_inside_an_undecided_countersign_takes_back_only_ones_own_vote(
    people,
) -> None:
    spec = chain(
        "withdraw-countersign",
        node("sign", "approve", {"rule": "form_field", "field": "signers"}, mode="all"),
        node("after", "handle", {"rule": "user", "username": "guoyan"}),
    )
    process = start(spec, people["huangmin"], data={"signers": ["wujing", "hetao"]})
    mine = next(t for t in open_at(process, "sign") if t.owner.username == "wujing")
    Approve(mine, people["wujing"]).execute()

    Withdraw(mine, people["wujing"]).execute()

    assert positions(process) == [("sign", "hetao"), ("sign", "wujing")]
    Approve(open_at(process, "sign")[0], people["hetao"]).execute()
    assert positions(process) == [("sign", "wujing")]


def test_withdraw_is_refused_where_the_definition_does_not_offer_it(people) -> None:
    spec = chain(
        "withdraw-not-offered",
        node(
            "section",
            "approve",
            {"rule": "department_head", "of": "initiator"},
            actions=["approve", "return_to"],
        ),
        node("office", "approve", {"rule": "user", "username": "wujing"}),
    )
    process = start(spec, people["huangmin"])
    done = open_at(process, "section")[0]
    Approve(done, people["yangfan"]).execute()
    with pytest.raises(NotPermitted):
        Withdraw(done, people["yangfan"]).execute()

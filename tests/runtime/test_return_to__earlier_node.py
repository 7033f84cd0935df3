"""退回: work goes back to an earlier step the definition allows, to whoever did it."""

from __future__ import annotations

import pytest

from gongwen.runtime.actions import Approve, ReturnTo
from gongwen.runtime.exceptions import InvalidTarget
from gongwen.runtime.models import Task
from tests.runtime.helpers import open_at, positions, snapshot, start
from tests.runtime.specs import chain, flow, node


def _chain(**office_options):
    return chain(
        "return",
        node("section", "approve", {"rule": "department_head", "of": "initiator"}),
        node(
            "office",
            "approve",
            {"rule": "user", "username": "wujing"},
            return_targets=office_options.pop("return_targets", ["*"]),
            **office_options,
        ),
    )


def test_return_to_previous_step_reopens_it_for_the_same_person(people) -> None:
    process = start(_chain(), people["huangmin"])
    Approve(open_at(process, "section")[0], people["yangfan"]).execute()

    ReturnTo(
        open_at(process, "office")[0], people["wujing"], target="section", opinion="请补充依据"
    ).execute()

    assert positions(process) == [("section", "yangfan")]
    Approve(open_at(process, "section")[0], people["yangfan"]).execute()
    assert positions(process) == [("office", "wujing")]


def test_return_to_the_start_asks_the_initiator_to_revise_and_resubmit(people) -> None:
    process = start(_chain(), people["huangmin"])
    Approve(open_at(process, "section")[0], people["yangfan"]).execute()
    ReturnTo(open_at(process, "office")[0], people["wujing"], target="start").execute()

    assert positions(process) == [("@resubmit", "huangmin")]
    Approve(open_at(process, "@resubmit")[0], people["huangmin"]).execute()
    assert positions(process) == [("section", "yangfan")]


def test_return_to_a_node_the_definition_forbids_changes_nothing(people) -> None:
    process = start(_chain(return_targets=["start"]), people["huangmin"])
    Approve(open_at(process, "section")[0], people["yangfan"]).execute()
    task = open_at(process, "office")[0]
    before = snapshot()

    with pytest.raises(InvalidTarget):
        ReturnTo(task, people["wujing"], target="section").execute()
    with pytest.raises(InvalidTarget):
        ReturnTo(task, people["wujing"], target="no_such_node").execute()

    assert snapshot() == before


def test_return_to_a_later_node_is_refused(people) -> None:
    spec = chain(
        "return-later",
        node(
            "section",
            "approve",
            {"rule": "department_head", "of": "initiator"},
            return_targets=["*"],
        ),
        node("office", "approve", {"rule": "user", "username": "wujing"}),
    )
    process = start(spec, people["huangmin"])
    with pytest.raises(InvalidTarget):
        ReturnTo(open_at(process, "section")[0], people["yangfan"], target="office").execute()


def test_return_from_inside_a_countersign_cancels_the_other_signers(people) -> None:
    spec = chain(
        "return-countersign",
        node("section", "approve", {"rule": "department_head", "of": "initiator"}),
        node(
            "sign",
            "approve",
            {"rule": "form_field", "field": "signers"},
            mode="all",
            return_targets=["section"],
        ),
    )
    process = start(spec, people["huangmin"], data={"signers": ["wujing", "hetao"]})
    Approve(open_at(process, "section")[0], people["yangfan"]).execute()
    wujing_task = next(t for t in open_at(process, "sign") if t.owner.username == "wujing")

    ReturnTo(wujing_task, people["wujing"], target="section").execute()

    assert positions(process) == [("section", "yangfan")]
    hetao_task = Task.objects.get(process=process, node_id="sign", owner=people["hetao"])
    assert (hetao_task.status, hetao_task.outcome) == ("CANCELED", "superseded")


def test_return_from_one_parallel_branch_to_before_the_split_cancels_every_branch(
    people,
) -> None:
    spec = flow(
        "return-parallel",
        [
            node("start", "start"),
            node("section", "approve", {"rule": "department_head", "of": "initiator"}),
            node("split", "parallel"),
            node(
                "a", "approve", {"rule": "user", "username": "wujing"}, return_targets=["section"]
            ),
            node("b", "approve", {"rule": "user", "username": "hetao"}),
            node("join", "join"),
            node("end", "end"),
        ],
        [
            ("start", "section"),
            ("section", "split"),
            ("split", "a"),
            ("split", "b"),
            ("a", "join"),
            ("b", "join"),
            ("join", "end"),
        ],
    )
    process = start(spec, people["huangmin"])
    Approve(open_at(process, "section")[0], people["yangfan"]).execute()
    Approve(open_at(process, "b")[0], people["hetao"]).execute()  # b done, join waits

    ReturnTo(open_at(process, "a")[0], people["wujing"], target="section").execute()
    assert positions(process) == [("section", "yangfan")]
    assert not Task.objects.filter(process=process, node_id="join", status="STARTED").exists()

    Approve(open_at(process, "section")[0], people["yangfan"]).execute()
    Approve(open_at(process, "a")[0], people["wujing"]).execute()
    Approve(open_at(process, "b")[0], people["hetao"]).execute()
    process.refresh_from_db()
    assert process.outcome == "completed"


def _countersign_then_office(mode: str = "all", **options):
    return chain(
        f"return-to-{mode}",
        node("sign", "approve", {"rule": "form_field", "field": "signers"}, mode=mode, **options),
        node("office", "approve", {"rule": "user", "username": "wujing"}, return_targets=["sign"]),
    )


def test_return_to_a_countersign_asks_every_signer_again(people) -> None:
    process = start(
        _countersign_then_office(), people["huangmin"], data={"signers": ["yangfan", "hetao"]}
    )
    for task in open_at(process, "sign"):
        Approve(task, task.owner).execute()

    ReturnTo(open_at(process, "office")[0], people["wujing"], target="sign").execute()

    assert sorted(positions(process)) == [("sign", "hetao"), ("sign", "yangfan")]
    first = open_at(process, "sign")[0]
    Approve(first, first.owner).execute()
    assert len(positions(process)) == 1  # the countersign waits for the other signer again
    last = open_at(process, "sign")[0]
    Approve(last, last.owner).execute()
    assert positions(process) == [("office", "wujing")]


def test_return_to_a_sequential_step_goes_through_its_people_in_order_again(people) -> None:
    process = start(
        _countersign_then_office("sequential"),
        people["huangmin"],
        data={"signers": ["hetao", "yangfan"]},
    )
    Approve(open_at(process, "sign")[0], people["hetao"]).execute()
    Approve(open_at(process, "sign")[0], people["yangfan"]).execute()

    ReturnTo(open_at(process, "office")[0], people["wujing"], target="sign").execute()

    assert positions(process) == [("sign", "hetao")]
    Approve(open_at(process, "sign")[0], people["hetao"]).execute()
    assert positions(process) == [("sign", "yangfan")]


def test_return_to_an_any_step_goes_to_whoever_decided_it(people) -> None:
    process = start(
        _countersign_then_office("any"), people["huangmin"], data={"signers": ["hetao", "yangfan"]}
    )
    Approve(
        next(t for t in open_at(process, "sign") if t.owner == people["yangfan"]),
        people["yangfan"],
    ).execute()

    ReturnTo(open_at(process, "office")[0], people["wujing"], target="sign").execute()

    assert positions(process) == [("sign", "yangfan")]

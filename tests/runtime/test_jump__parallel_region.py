"""Admin jump into, within and out of a parallel region: the join never waits for nothing."""

from __future__ import annotations

import pytest

from gongwen.runtime.actions import Approve, Jump
from gongwen.runtime.models import OPEN_STATUSES, Outcome, Task, TraceEntry
from tests.runtime.helpers import open_at, positions, start
from tests.runtime.specs import flow, node


def _parallel():
    """start → section → split ⇉ (a → a2 | b) → join → after → end."""
    return flow(
        "jump-parallel",
        [
            node("start", "start"),
            node("section", "approve", {"rule": "user", "username": "yangfan"}),
            node("split", "parallel"),
            node("a", "approve", {"rule": "user", "username": "wujing"}),
            node("a2", "approve", {"rule": "user", "username": "hetao"}),
            node("b", "approve", {"rule": "user", "username": "linfeng"}),
            node("join", "join"),
            node("after", "handle", {"rule": "user", "username": "guoyan"}),
            node("end", "end"),
        ],
        [
            ("start", "section"),
            ("section", "split"),
            ("split", "a"),
            ("split", "b"),
            ("a", "a2"),
            ("a2", "join"),
            ("b", "join"),
            ("join", "after"),
            ("after", "end"),
        ],
    )


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_superuser("root", password="x")


def _approve(process, people, node_id):
    (task,) = open_at(process, node_id)
    Approve(task, task.owner).execute()


def _finish(process, people, *node_ids) -> None:
    for node_id in node_ids:
        _approve(process, people, node_id)
    process.refresh_from_db()
    assert process.outcome == Outcome.COMPLETED
    assert not Task.objects.filter(process=process, status__in=OPEN_STATUSES).exists()


def test_jumping_into_a_branch_from_before_the_split_starts_the_other_branches(
    people, admin
) -> None:
    process = start(_parallel(), people["huangmin"])
    Jump(process, admin, target="a2", reason="跳过吴静").execute()

    assert sorted(positions(process)) == [("a2", "hetao"), ("b", "linfeng")]
    _approve(process, people, "a2")
    assert positions(process) == [("b", "linfeng")], "the join waits for the other branch"
    _approve(process, people, "b")
    assert positions(process) == [("after", "guoyan")]
    _finish(process, people, "after")


def test_jumping_into_a_branch_from_after_the_join_runs_the_region_again(people, admin) -> None:
    process = start(_parallel(), people["huangmin"])
    _approve(process, people, "section")
    for node_id in ("a", "a2", "b"):
        _approve(process, people, node_id)
    assert positions(process) == [("after", "guoyan")]

    Jump(process, admin, target="b").execute()
    assert sorted(positions(process)) == [("a", "wujing"), ("b", "linfeng")]
    _approve(process, people, "b")
    assert positions(process) == [("a", "wujing")]
    _finish(process, people, "a", "a2", "after")


def test_jumping_within_a_running_region_moves_only_that_branch(people, admin) -> None:
    process = start(_parallel(), people["huangmin"])
    _approve(process, people, "section")
    (a,), (b,) = open_at(process, "a"), open_at(process, "b")

    Jump(process, admin, target="a2").execute()

    a.refresh_from_db()
    assert (a.status, a.outcome) == ("CANCELED", Outcome.SUPERSEDED)
    assert open_at(process, "b") == [b], "the other branch keeps its task"
    assert sorted(positions(process)) == [("a2", "hetao"), ("b", "linfeng")]
    entry = TraceEntry.objects.get(process=process, action="gongwen.admin.jump")
    assert entry.payload["cancelled"] == [a.pk]
    _approve(process, people, "b")
    _approve(process, people, "a2")
    _finish(process, people, "after")


def test_jumping_back_into_a_branch_that_already_reached_the_join(people, admin) -> None:
    process = start(_parallel(), people["huangmin"])
    _approve(process, people, "section")
    _approve(process, people, "b")  # b waits at the join
    Jump(process, admin, target="b", to=[people["chenming"]]).execute()

    assert sorted(positions(process)) == [("a", "wujing"), ("b", "chenming")]
    _approve(process, people, "a")
    _approve(process, people, "a2")
    assert positions(process) == [("b", "chenming")], "the join waits for the reopened branch"
    _approve(process, people, "b")
    _finish(process, people, "after")


def test_jumping_out_of_the_region_cancels_every_branch_and_the_join(people, admin) -> None:
    process = start(_parallel(), people["huangmin"])
    _approve(process, people, "section")
    _approve(process, people, "b")  # the join is waiting for a
    Jump(process, admin, target="after").execute()

    assert positions(process) == [("after", "guoyan")]
    left = Task.objects.filter(process=process, node_id__in=["a", "join"])
    assert {(t.node_id, t.status) for t in left} == {("a", "CANCELED"), ("join", "CANCELED")}
    _finish(process, people, "after")


def test_jumping_back_before_the_split_runs_the_region_afresh(people, admin) -> None:
    process = start(_parallel(), people["huangmin"])
    _approve(process, people, "section")
    _approve(process, people, "a")
    Jump(process, admin, target="section").execute()

    assert positions(process) == [("section", "yangfan")]
    _approve(process, people, "section")
    assert sorted(positions(process)) == [("a", "wujing"), ("b", "linfeng")]
    _finish(process, people, "a", "a2", "b", "after")


def _nested():
    """start → outer ⇉ (inner ⇉ (x | y) → inner_join | z) → outer_join → after → end."""
    return flow(
        "jump-nested",
        [
            node("start", "start"),
            node("outer", "parallel"),
            node("inner", "parallel"),
            node("x", "approve", {"rule": "user", "username": "wujing"}),
            node("y", "approve", {"rule": "user", "username": "linfeng"}),
            node("inner_join", "join"),
            node("z", "approve", {"rule": "user", "username": "hetao"}),
            node("outer_join", "join"),
            node("after", "handle", {"rule": "user", "username": "guoyan"}),
            node("end", "end"),
        ],
        [
            ("start", "outer"),
            ("outer", "inner"),
            ("outer", "z"),
            ("inner", "x"),
            ("inner", "y"),
            ("x", "inner_join"),
            ("y", "inner_join"),
            ("inner_join", "outer_join"),
            ("z", "outer_join"),
            ("outer_join", "after"),
            ("after", "end"),
        ],
    )


def test_nested_a_jump_within_the_running_inner_region_moves_only_that_branch(
    people, admin
) -> None:
    process = start(_nested(), people["huangmin"])
    (x,), (y,), (z,) = open_at(process, "x"), open_at(process, "y"), open_at(process, "z")
    Jump(process, admin, target="x", to=[people["chenming"]]).execute()

    x.refresh_from_db()
    assert x.outcome == Outcome.SUPERSEDED
    assert (open_at(process, "y"), open_at(process, "z")) == ([y], [z])
    assert sorted(positions(process)) == [("x", "chenming"), ("y", "linfeng"), ("z", "hetao")]
    _finish(process, people, "y", "z", "x", "after")


def test_nested_a_jump_into_a_finished_inner_region_reruns_it_inside_the_outer_one(
    people, admin
) -> None:
    process = start(_nested(), people["huangmin"])
    _approve(process, people, "x")
    _approve(process, people, "y")  # the inner join passed; the outer join waits for z
    (z,) = open_at(process, "z")
    Jump(process, admin, target="y").execute()

    assert open_at(process, "z") == [z]
    assert sorted(positions(process)) == [("x", "wujing"), ("y", "linfeng"), ("z", "hetao")]
    _approve(process, people, "z")
    _approve(process, people, "y")
    assert positions(process) == [("x", "wujing")], "both joins wait for the rerun branch"
    _finish(process, people, "x", "after")


def test_nested_a_jump_from_after_both_regions_reruns_them_all(people, admin) -> None:
    process = start(_nested(), people["huangmin"])
    for node_id in ("x", "y", "z"):
        _approve(process, people, node_id)
    assert positions(process) == [("after", "guoyan")]
    Jump(process, admin, target="y").execute()

    assert sorted(positions(process)) == [("x", "wujing"), ("y", "linfeng"), ("z", "hetao")]
    assert Task.objects.get(process=process, node_id="after").outcome == Outcome.SUPERSEDED
    _finish(process, people, "x", "y", "z", "after")


def test_a_withdrawal_in_the_other_branch_leaves_the_jumped_to_step_alone(people, admin) -> None:
    from gongwen.runtime.actions import Withdraw

    process = start(_parallel(), people["huangmin"])
    _approve(process, people, "section")
    (b,) = open_at(process, "b")
    Approve(b, people["linfeng"]).execute()
    Jump(process, admin, target="a2").execute()
    Withdraw(b, people["linfeng"]).execute()

    assert sorted(positions(process)) == [("a2", "hetao"), ("b", "linfeng")]
    _finish(process, people, "b", "a2", "after")


def test_a_jump_reruns_automatic_steps_of_the_other_branches_and_keeps_branch_numbers(
    people, admin
) -> None:
    """The split's first edge goes straight to the join (numbered last); the other has a cc."""
    from gongwen.runtime.models import ReadItem

    spec = flow(
        "jump-shapes",
        [
            node("start", "start"),
            node("section", "approve", {"rule": "user", "username": "yangfan"}),
            node("split", "parallel"),
            node("copy", "cc", {"rule": "user", "username": "guoyan"}),
            node("b", "approve", {"rule": "user", "username": "linfeng"}),
            node("a", "approve", {"rule": "user", "username": "wujing"}),
            node("join", "join"),
            node("end", "end"),
        ],
        [
            ("start", "section"),
            ("section", "split"),
            ("split", "join"),
            ("split", "copy"),
            ("split", "a"),
            ("copy", "b"),
            ("b", "join"),
            ("a", "join"),
            ("join", "end"),
        ],
    )
    process = start(spec, people["huangmin"])
    Jump(process, admin, target="a").execute()

    assert sorted(positions(process)) == [("a", "wujing"), ("b", "linfeng")]
    assert ReadItem.objects.filter(process=process).count() == 1
    _approve(process, people, "a")
    assert positions(process) == [("b", "linfeng")]
    _finish(process, people, "b")

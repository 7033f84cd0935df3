"""Every viewflow internal the engine relies on, pinned, so an upgrade breaks here, loudly.

If one of these fails after upgrading django-viewflow, read the changed internal and adapt
``gongwen.runtime.engine`` (the only package that imports viewflow's workflow internals).
"""

from __future__ import annotations

import pytest
from django.core import checks
from viewflow.fsm import TransitionNotAllowed
from viewflow.workflow import lock as viewflow_lock
from viewflow.workflow.activation import Activation
from viewflow.workflow.base import Flow
from viewflow.workflow.fields import get_flow_ref, get_task_ref, import_task_by_ref
from viewflow.workflow.nodes import Join, Split, StartHandle, Switch
from viewflow.workflow.status import STATUS
from viewflow.workflow.token import Token

from gongwen.runtime.actions import Approve
from gongwen.runtime.engine.flows import flow_class_for
from gongwen.runtime.engine.locks import process_row_lock
from gongwen.runtime.engine.naming import node_attr
from gongwen.runtime.engine.operations import complete_task, open_tasks_in_scope, reopen_node
from gongwen.runtime.models import Task
from tests.runtime.helpers import open_at, start
from tests.runtime.specs import chain, flow, node


def _parallel():
    return flow(
        "seam-parallel",
        [
            node("start", "start"),
            node("split", "parallel"),
            node("a", "approve", {"rule": "user", "username": "wujing"}),
            node("b", "approve", {"rule": "user", "username": "hetao"}),
            node("join", "join"),
            node("end", "end"),
        ],
        [
            ("start", "split"),
            ("split", "a"),
            ("split", "b"),
            ("a", "join"),
            ("b", "join"),
            ("join", "end"),
        ],
    )


def test_init_subclass_wires_a_class_built_with_type() -> None:
    cls = flow_class_for(_parallel())
    assert issubclass(cls, Flow)
    names = {n.name for n in cls.instance.nodes()}
    assert {"n_start", "n_split", "n_a", "n_b", "n_join", "n_end"} <= names
    assert isinstance(cls.instance.node("n_start"), StartHandle)
    assert isinstance(cls.instance.node("n_split"), Split)
    assert isinstance(cls.instance.node("n_join"), Join)
    incoming = {edge.src.name for edge in cls.instance.node("n_join")._incoming()}
    assert incoming == {"n_a", "n_b"}
    assert cls.instance.node("n_a").flow_class is cls


def test_exclusive_gateway_is_a_switch_with_ordered_cases_then_default() -> None:
    spec = flow(
        "seam-switch",
        [node("start", "start"), node("route", "exclusive"), node("x", "end"), node("y", "end")],
        [
            ("start", "route"),
            ("route", "y", {"default": True}),
            ("route", "x", {"when": {"==": [1, 1]}}),
        ],
    )
    switch = flow_class_for(spec).instance.node("n_route")
    assert isinstance(switch, Switch)
    branches = [(target.name, cond is None) for target, cond in switch._branches]
    assert branches == [("n_x", False), ("n_y", True)]


def test_refs_round_trip_to_the_same_objects() -> None:
    cls = flow_class_for(_parallel())
    ref = get_flow_ref(cls)
    assert ref.startswith("runtime/engine.flows.Def_seam_2d_parallel_")
    node_a = cls.instance.node("n_a")
    assert get_task_ref(node_a) == f"{ref}.n_a"
    assert import_task_by_ref(f"{ref}.n_a") is node_a
    assert flow_class_for(cls.spec) is cls  # one class object per key and version


def test_generated_flows_use_the_process_row_lock_and_pass_the_join_check() -> None:
    cls = flow_class_for(_parallel())
    assert cls.lock_impl is process_row_lock
    assert cls.lock_impl is not viewflow_lock.no_lock
    warnings = [w for w in checks.run_checks() if w.id == "viewflow.W001"]
    assert not [w for w in warnings if w.obj is cls]


def test_start_handle_run_passes_keyword_arguments_to_the_process(people) -> None:
    spec = chain("seam-start", node("a", "approve", {"rule": "user", "username": "wujing"}))
    process = start(spec, people["huangmin"], title="关于召开会议的通知", urgency="加急")
    assert (process.title, process.urgency) == ("关于召开会议的通知", "加急")
    assert (process.definition_key, process.definition_version) == (spec.key, 1)
    start_task = Task.objects.get(process=process, node_id="start")
    assert start_task.status == STATUS.DONE
    assert start_task.token == Token("start")


def test_split_gives_each_branch_a_child_token_and_join_restores_the_base(people) -> None:
    process = start(_parallel(), people["huangmin"])
    split = Task.objects.get(process=process, node_id="split")
    tokens = sorted(t.token.token for t in open_at(process, "a") + open_at(process, "b"))
    assert tokens == [f"start/{split.pk}_1", f"start/{split.pk}_2"]

    Approve(open_at(process, "a")[0], people["wujing"]).execute()
    join = Task.objects.get(process=process, node_id="join")
    assert join.status == STATUS.STARTED and join.token == Token("start")
    assert open_tasks_in_scope(process, "start", "start/").count() == 2  # b and the join

    Approve(open_at(process, "b")[0], people["hetao"]).execute()
    join.refresh_from_db()
    assert join.status == STATUS.DONE


@pytest.mark.django_db
def test_token_field_lookups_need_token_objects() -> None:
    with pytest.raises(AttributeError):
        list(Task.objects.filter(token="start"))
    assert list(Task.objects.filter(token=Token("start"))) == []


def test_finish_is_allowed_once_and_activate_next_creates_what_follows(people) -> None:
    spec = chain(
        "seam-finish",
        node("a", "approve", {"rule": "user", "username": "wujing"}),
        node("b", "approve", {"rule": "user", "username": "hetao"}),
    )
    process = start(spec, people["huangmin"])
    (task,) = open_at(process, "a")
    assert complete_task(task, people["wujing"]) == "moved_on"
    (following,) = open_at(process, "b")
    assert list(following.previous.all()) == [task]
    assert list(task.leading.all()) == [following]
    with pytest.raises(TransitionNotAllowed):
        task.flow_task.activation_class(task).finish(people["wujing"], "approved")


def test_node_create_with_an_explicit_token_opens_a_task_linked_to_its_previous(people) -> None:
    spec = chain("seam-create", node("a", "approve", {"rule": "user", "username": "wujing"}))
    process = start(spec, people["huangmin"])
    start_task = Task.objects.get(process=process, node_id="start")
    (reopened,) = reopen_node(
        start_task, "a", token="start", assign_to=[[people["hetao"].pk, None]]
    )
    assert reopened.owner == people["hetao"] and reopened.status == STATUS.ASSIGNED
    assert list(reopened.previous.all()) == [start_task]
    assert isinstance(
        process.flow_class.instance.node(node_attr("a")).activation_class(reopened), Activation
    )


def test_end_finishes_the_process_only_when_nothing_else_is_open(people) -> None:
    spec = chain("seam-end", node("a", "approve", {"rule": "user", "username": "wujing"}))
    process = start(spec, people["huangmin"])
    Approve(open_at(process, "a")[0], people["wujing"]).execute()
    process.refresh_from_db()
    assert process.status == STATUS.DONE and process.finished is not None


def test_on_started_runs_once_with_the_saved_process_before_anything_after_the_start(
    people,
) -> None:
    from django.db import transaction

    from gongwen.runtime.engine.operations import start_process

    seen = []

    def on_started(process) -> None:
        start_task = Task.objects.get(process=process, node_id="start")
        later = Task.objects.filter(process=process).exclude(node_id="start").count()
        seen.append((process.pk, start_task.status, later))

    spec = chain("seam-started", node("a", "approve", {"rule": "user", "username": "wujing"}))
    with transaction.atomic():
        process = start_process(spec, initiator=people["huangmin"], on_started=on_started)
    assert seen == [(process.pk, STATUS.DONE, 0)]
    assert Task.objects.filter(process=process, node_id="a").exists()


def test_activate_next_runs_gateways_and_automatic_steps_through_to_the_next_person(
    people,
) -> None:
    spec = flow(
        "seam-chain",
        [
            node("start", "start"),
            node("a", "approve", {"rule": "user", "username": "wujing"}),
            node("route", "exclusive"),
            node("num", "number"),
            node("copy", "cc", {"rule": "user", "username": "hetao"}),
            node("b", "approve", {"rule": "user", "username": "hetao"}),
            node("end", "end"),
        ],
        [
            ("start", "a"),
            ("a", "route"),
            ("route", "num", {"default": True}),
            ("num", "copy"),
            ("copy", "b"),
            ("b", "end"),
        ],
    )
    process = start(spec, people["huangmin"])
    Approve(open_at(process, "a")[0], people["wujing"]).execute()
    done = Task.objects.filter(process=process, status=STATUS.DONE).order_by("pk")
    assert [t.node_id for t in done] == ["start", "a", "route", "num", "copy"]
    assert [t.node_id for t in open_at(process, "b")] == ["b"]


def test_a_process_whose_definition_is_gone_fails_loudly_not_silently(people, monkeypatch) -> None:
    from viewflow.workflow.fields import import_flow_by_ref

    from gongwen.runtime.engine import flows
    from gongwen.runtime.exceptions import DefinitionNotFound

    monkeypatch.setattr(flows, "_classes", {})
    import_flow_by_ref.cache_clear()
    try:
        with pytest.raises(DefinitionNotFound):
            import_flow_by_ref("runtime/engine.flows.Def_never_2d_published_v9")
    finally:
        import_flow_by_ref.cache_clear()


def test_the_internals_regions_and_reopen_rely_on_keep_their_shape() -> None:
    """``engine/regions.py`` and ``operations.reopen_node`` call these directly."""
    import inspect

    from viewflow.workflow.nodes.split import SplitActivation

    assert list(inspect.signature(Activation._activate_next).parameters) == ["self", "activations"]
    source = Token.split_token_source("start", 7)
    assert [next(source).token for _ in range(2)] == ["start/7_1", "start/7_2"]
    for name in ("activate", "complete", "create_next"):  # fsm transitions on the class
        assert getattr(SplitActivation, name, None) is not None, name

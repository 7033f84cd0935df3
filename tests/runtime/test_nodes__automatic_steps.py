"""cc hands out 待阅 items without blocking; 公文 steps run their registered handler or pass."""

from __future__ import annotations

import pytest

from gongwen.runtime import inbox
from gongwen.runtime.actions import Approve, MarkRead
from gongwen.runtime.exceptions import Conflict, NotPermitted, UnsupportedDefinition
from gongwen.runtime.models import ReadItem, TraceEntry
from gongwen.runtime.steps import step_handlers
from tests.runtime.helpers import open_at, positions, start
from tests.runtime.specs import chain, flow, node


def test_cc_creates_read_items_and_does_not_block_the_flow(people) -> None:
    spec = chain(
        "cc",
        node("copy", "cc", {"rule": "form_field", "field": "readers"}),
        node("office", "approve", {"rule": "user", "username": "wujing"}),
    )
    process = start(spec, people["huangmin"], data={"readers": ["hetao", "guoyan"]})

    assert positions(process) == [("office", "wujing")]
    assert [i.process_id for i in inbox.to_read(people["hetao"])] == [process.pk]
    item = ReadItem.objects.get(user=people["guoyan"])
    with pytest.raises(NotPermitted):
        MarkRead(item, people["hetao"]).execute()
    MarkRead(item, people["guoyan"]).execute()
    with pytest.raises(Conflict):
        MarkRead(item, people["guoyan"]).execute()
    assert (
        TraceEntry.objects.filter(
            action="gongwen.reading.mark_read", actor=people["guoyan"]
        ).count()
        == 1
    )
    assert inbox.to_read(people["guoyan"]) == []


def test_cc_at_the_end_lets_the_process_finish(people) -> None:
    spec = chain("cc-end", node("copy", "cc", {"rule": "initiator"}))
    process = start(spec, people["huangmin"])
    process.refresh_from_db()
    assert process.outcome == "completed"
    assert ReadItem.objects.filter(process=process, user=people["huangmin"]).exists()


def test_document_step_without_a_handler_passes_through_and_says_so(people) -> None:
    spec = chain("number", node("number", "number"), node("seal", "seal"))
    process = start(spec, people["huangmin"])
    process.refresh_from_db()
    assert process.outcome == "completed"
    passed = TraceEntry.objects.filter(process=process, action="gongwen.node.pass_through")
    assert sorted(passed.values_list("node_id", flat=True)) == ["number", "seal"]


def test_document_step_runs_the_handler_the_documents_layer_registered(people) -> None:
    seen = []
    step_handlers.register("archive", lambda ctx: seen.append((ctx.node.id, ctx.process.pk)))
    try:
        spec = chain(
            "archive",
            node("review", "approve", {"rule": "user", "username": "wujing"}),
            node("file", "archive"),
        )
        process = start(spec, people["huangmin"])
        assert seen == []
        Approve(open_at(process, "review")[0], people["wujing"]).execute()
        assert seen == [("file", process.pk)]
        with pytest.raises(ValueError, match="already registered"):
            step_handlers.register("archive", lambda ctx: None)
    finally:
        step_handlers.unregister("archive")


def test_a_node_the_engine_cannot_wire_fails_loudly_when_the_flow_is_built(people) -> None:
    nodes = [node("start", "start"), node("call", "service"), node("a", "end"), node("b", "end")]
    spec = flow("two-ways", nodes, [("start", "call"), ("call", "a"), ("call", "b")])
    with pytest.raises(UnsupportedDefinition) as refused:
        start(spec, people["huangmin"])
    assert refused.value.code == "engine.unsupported_node"

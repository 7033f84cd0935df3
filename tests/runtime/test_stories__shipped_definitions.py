"""The seed's stories 1 and 2, through the Python API, on the shipped definitions.

The 公文 steps (number, seal, dispatch, archive) get their meaning from the documents layer;
here a stand-in registers them as person-performed steps that record what they did.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from viewflow.workflow.fields import import_flow_by_ref, import_task_by_ref

from gongwen.definitions.registries import numbering_series_lookup
from gongwen.definitions.versions import load_spec, publish_documents
from gongwen.runtime.actions import Approve, ReturnTo
from gongwen.runtime.engine import flows
from gongwen.runtime.models import Process, TraceEntry
from gongwen.runtime.steps import step_handlers
from tests.forms.samples import sample
from tests.runtime.helpers import open_at, positions, start

REPO = Path(__file__).resolve().parents[2]
STEPS = ("number", "seal", "dispatch", "archive")
DOCUMENT_STEPS = ("register", *STEPS)


def _shipped(key: str):
    form = json.loads((REPO / "forms" / f"{key}.json").read_text(encoding="utf-8"))
    flow = json.loads((REPO / "flow_defs" / f"{key}.json").read_text(encoding="utf-8"))
    version = publish_documents(key, form, flow, by=None)
    return load_spec(key, version.version)


@pytest.fixture(autouse=True)
def _any_numbering_series():
    """Accept the shipped series (the documents layer's real lookup needs its own tables)."""
    with numbering_series_lookup(lambda series: True):
        yield


@pytest.fixture
def document_steps(monkeypatch):
    # Classes built while the stand-in is registered must not outlive this test (the shipped
    # keys are shared with other packages' tests in the same interpreter).
    monkeypatch.setattr(flows, "_classes", {})
    done: list[tuple[str, int]] = []
    for step in DOCUMENT_STEPS:
        step_handlers.register(
            step, lambda ctx: done.append((ctx.node.id, ctx.process.pk)), performed_by_person=True
        )
    yield done
    for step in DOCUMENT_STEPS:
        step_handlers.unregister(step)
    import_flow_by_ref.cache_clear()
    import_task_by_ref.cache_clear()


def _act(process, node_id: str, people, **kwargs):
    (task,) = open_at(process, node_id)[:1]
    actor = people[task.owner.username]
    return Approve(task, actor, **kwargs).execute()


def test_story_1_notice_is_reviewed_signed_numbered_sealed_sent_and_archived(
    people, document_steps
) -> None:
    spec = _shipped("notice")
    process = start(
        spec,
        people["huangmin"],
        title="关于做好冬季安全生产工作的通知",
        data=sample("notice"),
    )
    path = []
    while not Process.objects.get(pk=process.pk).finished:
        node_id = positions(process)[0][0]
        path.append(node_id)
        _act(process, node_id, people, opinion="同意")
    assert path == ["section_review", "office_review", "sign", *STEPS]
    assert document_steps == [(step, process.pk) for step in STEPS]
    assert Process.objects.get(pk=process.pk).outcome == "completed"


def test_story_2_urgent_request_skips_skippable_steps_is_returned_once_then_signed(
    people, document_steps
) -> None:
    spec = _shipped("request")
    process = start(
        spec,
        people["huangmin"],
        title="关于申请防汛物资的请示",
        urgency="特急",
        data=sample("request", amount=800000),
    )
    skipped = TraceEntry.objects.filter(process=process, action="gongwen.node.skip")
    assert sorted(skipped.values_list("node_id", flat=True)) == ["office_review", "section_review"]
    (signer_task,) = open_at(process, "principal_sign")
    ReturnTo(
        signer_task, people[signer_task.owner.username], target="draft", opinion="请补充物资清单"
    ).execute()
    assert positions(process) == [("@resubmit", "huangmin")]
    _act(process, "@resubmit", people, opinion="已补充")
    assert [n for n, _ in positions(process)] == ["principal_sign"]
    _act(process, "principal_sign", people, opinion="同意")
    while not Process.objects.get(pk=process.pk).finished:
        _act(process, positions(process)[0][0], people)
    assert Process.objects.get(pk=process.pk).outcome == "completed"


@pytest.mark.parametrize("key", ["notice", "request", "report", "letter", "minutes", "incoming"])
def test_every_shipped_flow_finds_a_real_person_at_every_node(key, people, document_steps) -> None:
    from tests.documents.test_stories__every_shipped_flow import _form

    spec = _shipped(key)
    data = _form(key, people)
    drafter = people["mahui" if key == "incoming" else "huangmin"]
    process = start(spec, drafter, title=data["title"], data=data)
    while not Process.objects.get(pk=process.pk).finished:
        node_id, username = positions(process)[0]
        assert username != "admin", node_id
        node = spec.nodes[node_id]
        required = {name: "同意" for name, access in node.fields.items() if access == "required"}
        _act(process, node_id, people, opinion="同意", data=required)
    assert Process.objects.get(pk=process.pk).outcome == "completed"
    assert not process.task_set.filter(owner__username="admin").exists()

"""Conditions read the running 公文's 要素 as ``document.*`` — the names the validator accepts."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from gongwen.definitions.versions import publish_documents
from gongwen.documents.actions import StartDocument
from gongwen.documents.document.models import Document
from gongwen.runtime.condition_context import condition_context
from gongwen.runtime.models import OPEN_STATUSES, Process, Task
from tests.documents.test_document__support import act, fresh_flow_classes
from tests.forms.samples import sample

__all__ = ["fresh_flow_classes"]

pytestmark = pytest.mark.usefixtures("fresh_flow_classes")
REPO = Path(__file__).resolve().parents[2]
NOTICE_DATA = sample("notice")


@pytest.fixture
def people(demo) -> dict:
    call_command("load_document_demo", stdout=io.StringIO())
    return demo["users"]


def _publish_urgency_routed_notice() -> None:
    """The shipped 通知, its 会签 taken only for a 特急 公文 (by wujing), as ``notice-urgent``."""
    form = json.loads((REPO / "forms/notice.json").read_text(encoding="utf-8"))
    flow = json.loads((REPO / "flow_defs/notice.json").read_text(encoding="utf-8"))
    form["key"] = flow["key"] = "notice-urgent"
    flow["form"] = "notice-urgent"
    for edge in flow["edges"]:
        if edge["from"] == "needs_countersign" and "when" in edge:
            edge["when"] = {"==": [{"var": "document.urgency"}, "特急"]}
    for node in flow["nodes"]:
        if node["id"] == "countersign":
            node["assignee"] = {"rule": "user", "username": "wujing"}
    publish_documents("notice-urgent", form, flow, by=None)


def _open_nodes(process_id: int) -> set[str]:
    open_tasks = Task.objects.filter(process_id=process_id, status__in=OPEN_STATUSES)
    return set(open_tasks.values_list("node_id", flat=True))


@pytest.mark.parametrize(("urgency", "next_node"), [("特急", "countersign"), ("平件", "sign")])
def test_an_edge_condition_on_document_urgency_routes_the_flow(
    people, urgency: str, next_node: str
) -> None:
    _publish_urgency_routed_notice()
    result = StartDocument(
        "notice-urgent",
        people["huangmin"],
        title="关于防汛的通知",
        urgency=urgency,
        data=NOTICE_DATA,
    ).execute()
    process = Process.objects.get(pk=result.process_id)
    act(process, people)  # 科室负责人审核
    act(process, people)  # 办公室核稿, then the gateway
    assert next_node in _open_nodes(process.pk)


def test_the_context_carries_the_documents_own_values(people) -> None:
    _publish_urgency_routed_notice()
    result = StartDocument(
        "notice-urgent", people["huangmin"], title="关于防汛的通知", data=NOTICE_DATA
    ).execute()
    process = Process.objects.get(pk=result.process_id)
    Document.objects.filter(process=process).update(secrecy="秘密", urgency="加急")
    seen = condition_context(process)
    assert seen["document"]["secrecy"] == "秘密" and seen["document"]["urgency"] == "加急"
    assert seen["document"]["kind"] == "通知" and seen["document"]["retention"] == "D30"
    assert set(seen) == {"form", "document"}  # nothing the validator would reject as unknown


def test_urgency_raised_on_the_document_reaches_steps_not_reached_yet(people) -> None:
    """The shipped 请示 skips its office review for a 特急 document (skippable_when_urgent)."""
    from gongwen.documents.actions import EditElements

    call_command("load_definitions", stdout=io.StringIO())
    result = StartDocument(
        "request", people["huangmin"], title="关于申请经费的请示", data=sample("request")
    ).execute()
    process = Process.objects.get(pk=result.process_id)
    assert _open_nodes(process.pk) == {"section_review"}
    document = Document.objects.get(process=process)
    reviewer = Task.objects.get(process=process, node_id="section_review", status__in=OPEN_STATUSES)
    EditElements(document, people[reviewer.owner.username], {"urgency": "特急"}).execute()
    assert Process.objects.get(pk=process.pk).urgency == "特急"
    act(process, people)  # 科室负责人审核 approves; 办公室核稿 is not reached for a 特急 公文
    assert "office_review" not in _open_nodes(process.pk)
    assert condition_context(process)["document"]["urgency"] == "特急"

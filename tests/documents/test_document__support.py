"""Helpers for document tests: the shipped flows with the real 公文 step handlers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from viewflow.workflow.fields import import_flow_by_ref, import_task_by_ref

from gongwen.definitions.versions import load_spec, publish_documents
from gongwen.documents.actions import EditElements, SubmitDocument
from gongwen.documents.content import Paragraph
from gongwen.documents.numbering.demo import load_series
from gongwen.documents.services import create_document
from gongwen.runtime.actions import Approve, StartProcess
from gongwen.runtime.engine import flows
from gongwen.runtime.models import OPEN_STATUSES, Process, Task
from tests.forms.samples import sample

REPO = Path(__file__).resolve().parents[2]
ORGAN = "清河县人民政府办公室"


def shipped(key: str) -> Any:
    """Publish the shipped definition ``key`` (demo number series loaded) and return its spec."""
    load_series()
    form = json.loads((REPO / "forms" / f"{key}.json").read_text(encoding="utf-8"))
    flow = json.loads((REPO / "flow_defs" / f"{key}.json").read_text(encoding="utf-8"))
    version = publish_documents(key, form, flow, by=None)
    return load_spec(key, version.version)


@pytest.fixture
def fresh_flow_classes(monkeypatch):
    """Build flow classes with the registry as it is now, and drop them after the test."""
    monkeypatch.setattr(flows, "_classes", {})
    import_flow_by_ref.cache_clear()
    import_task_by_ref.cache_clear()
    yield
    import_flow_by_ref.cache_clear()
    import_task_by_ref.cache_clear()


def open_tasks(process: Process) -> list[Task]:
    """Return the open tasks of ``process`` in creation order."""
    return list(Task.objects.filter(process=process, status__in=OPEN_STATUSES).order_by("pk"))


def act(process: Process, people: dict, *, opinion: str = "同意", node_id: str | None = None):
    """Approve the first open person's task (at ``node_id`` if given) as its owner."""
    task = next(t for t in open_tasks(process) if t.owner_id and node_id in (None, t.node_id))
    return task, Approve(task, people[task.owner.username], opinion=opinion).execute()


def drafted_notice(people: dict, subject: str = "做好冬季安全生产工作") -> Any:
    """Start the shipped 通知 as huangmin, draft its 要素 and submit it; return the document."""
    spec = shipped("notice")
    drafter = people["huangmin"]
    result = StartProcess(
        spec, drafter, title=f"关于{subject}的通知", data=sample("notice")
    ).execute()
    process = Process.objects.get(pk=result.process_id)
    document = create_document(process, subject=subject)
    changes = {
        "organ_name": ORGAN,
        "signature_organ": ORGAN,
        "title": f"{ORGAN}关于{subject}的通知",
        "main_recipients": ("各乡镇人民政府", "县政府各部门"),
        "cc": ("县委办公室",),
        "body": (
            Paragraph("为切实做好今冬明春安全生产工作，现就有关事项通知如下。"),
            Paragraph("一、提高思想认识", level=1),
            Paragraph("各单位要高度重视安全生产工作。"),
        ),
    }
    EditElements(document, drafter, changes).execute()
    SubmitDocument(document, drafter).execute()
    document.refresh_from_db()
    return document

"""Starting a 公文 by its document type: process and document together, or neither."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from gongwen.definitions.versions import latest, retire, save_draft
from gongwen.documents.actions import StartDocument
from gongwen.documents.actions.start_document import UnknownDocumentType
from gongwen.documents.document.models import Document
from gongwen.errors import GongwenError
from gongwen.kernel.actions import action_for
from gongwen.runtime.models import Process, TraceEntry
from tests.documents.test_document__support import fresh_flow_classes
from tests.forms.samples import sample
from tests.runtime.helpers import snapshot

REPO = Path(__file__).resolve().parents[2]
NOTICE_DATA = sample("notice")

__all__ = ["fresh_flow_classes"]

pytestmark = pytest.mark.usefixtures("fresh_flow_classes")


@pytest.fixture
def shipped_types(demo) -> dict:
    call_command("load_document_demo", stdout=io.StringIO())
    call_command("load_definitions", stdout=io.StringIO())
    return demo["users"]


def test_a_notice_starts_with_its_document_before_the_first_step(shipped_types) -> None:
    result = StartDocument(
        "notice",
        shipped_types["huangmin"],
        title="关于做好冬季安全生产工作的通知",
        data=NOTICE_DATA,
    ).execute()
    process = Process.objects.get(pk=result.process_id)
    document = Document.objects.get(process=process)
    assert document.kind == "通知" and document.state == "draft"
    assert document.secrecy == "内部"  # the type's default
    actions = list(TraceEntry.objects.filter(process=process).order_by("pk").values_list("action"))
    # The start, then the 公文, then the first step: the document exists before any step opens.
    assert actions[:2] == [("gongwen.process.start",), ("gongwen.document.start",)]
    assert process.definition_version == latest("notice").version
    assert action_for("gongwen.document.start") is StartDocument


def test_an_unknown_or_unpublished_type_is_refused_and_nothing_is_written(shipped_types) -> None:
    save_draft("draft-only", _form(), _flow(), by=None)  # a draft is never started
    before = snapshot()
    for key in ("no-such-type", "draft-only", "", None, 42):
        with pytest.raises(UnknownDocumentType) as caught:
            StartDocument(key, shipped_types["huangmin"], title="x").execute()
        assert caught.value.status == 404 and caught.value.pointer == "/document_type"
    assert snapshot() == before


def test_a_retired_version_is_not_started(shipped_types) -> None:
    version = latest("letter")
    retire("letter", version.version)
    with pytest.raises(UnknownDocumentType):
        StartDocument("letter", shipped_types["huangmin"], title="关于商请支持的函").check()


def test_when_the_document_fails_neither_process_nor_document_exists(shipped_types) -> None:
    before = snapshot()
    with pytest.raises(GongwenError):
        StartDocument(
            "notice",
            shipped_types["huangmin"],
            title="关于测试的通知",
            secrecy="绝密级别",
            data=NOTICE_DATA,
        ).execute()
    assert snapshot() == before
    assert not Document.objects.exists()


def _form() -> dict:
    return json.loads((REPO / "forms" / "notice.json").read_text(encoding="utf-8"))


def _flow() -> dict:
    doc = json.loads((REPO / "flow_defs" / "notice.json").read_text(encoding="utf-8"))
    return {**doc, "key": "draft-only"}

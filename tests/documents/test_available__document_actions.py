"""The 公文's own actions in available_document_actions follow the access predicates.

On the shipped 通知 under review: the holder of the open step may edit the 要素, set the 密级
up to their own clearance and download; the drafter (no open step) may download but not edit;
an outsider and someone below the 密级 get nothing at all; the administrator gets 跳转.
"""

from __future__ import annotations

import pytest

from gongwen.documents.access import may_download, may_edit
from gongwen.documents.available import available_document_actions
from gongwen.runtime.models import Task
from gongwen.runtime.secrecy import set_secrecy
from tests.documents.test_document__support import drafted_notice, fresh_flow_classes, open_tasks

__all__ = ["fresh_flow_classes"]

pytestmark = pytest.mark.usefixtures("fresh_flow_classes")


@pytest.fixture
def people(demo) -> dict:
    return demo["users"]


def _codes(items) -> dict:
    return {i.code: i for i in items}


def test_the_holder_edits_sets_the_secrecy_up_to_their_clearance_and_downloads(people) -> None:
    document = drafted_notice(people)
    task = next(t for t in open_tasks(document.process) if t.owner_id)
    holder = task.owner
    items = _codes(available_document_actions(document, holder))
    assert {"approve", "edit", "change_secrecy", "download"} <= set(items)
    assert items["approve"].task_id == task.pk
    levels = items["change_secrecy"].params["levels"]
    assert len(levels) == holder.clearance + 1  # 公开 … their own clearance
    assert may_edit(holder, document) and may_download(holder, document)


def test_the_drafter_downloads_but_no_longer_edits(people) -> None:
    document = drafted_notice(people)
    items = _codes(available_document_actions(document.process, people["huangmin"]))
    assert "download" in items
    assert "edit" not in items and "change_secrecy" not in items
    assert not may_edit(people["huangmin"], document)


def test_an_outsider_and_someone_below_the_secrecy_get_nothing(people) -> None:
    document = drafted_notice(people)
    assert available_document_actions(document, people["zhengkai"]) == []
    set_secrecy(document.process, 2, by=people["admin"])
    document.secrecy = "秘密"
    document.save(update_fields=["secrecy"])
    assert available_document_actions(document, people["huangmin"]) == []  # 内部 only


def test_the_administrator_may_jump_and_download(people) -> None:
    document = drafted_notice(people)
    items = _codes(available_document_actions(document, people["admin"]))
    assert {"jump", "download", "terminate"} <= set(items)
    assert Task.objects.filter(process=document.process).exists()

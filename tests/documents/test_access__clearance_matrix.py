"""Clearance × 密级: 待办, the trace and the admin show a 公文 exactly when clearance ≥ 密级."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongwen.audit.models import AuditEvent
from gongwen.documents.access import SecrecyAboveClearance, may_change_secrecy, visible_to
from gongwen.documents.actions import EditElements
from gongwen.documents.document.models import Document
from gongwen.documents.kinds import Secrecy
from gongwen.org.models import User
from gongwen.runtime import inbox
from gongwen.runtime.actions import Approve
from gongwen.runtime.models import Process
from gongwen.runtime.secrecy import NotCleared, set_secrecy
from gongwen.runtime.trace import trace_of
from tests.runtime.helpers import open_at, snapshot, start
from tests.runtime.specs import chain, node

LEVELS = list(Secrecy)  # 公开 内部 秘密 机密, levels 0–3


@pytest.fixture
def readers(demo) -> list[User]:
    """One administrator per clearance (staff superusers: the admin's widest case)."""
    return [
        User.objects.create(
            username=f"reader{level}", clearance=level, is_staff=True, is_superuser=True
        )
        for level in range(4)
    ]


@pytest.fixture
def documents(demo, readers) -> list[Document]:
    """One 公文 per 密级, its 签发 step offered to every reader as a 会签."""
    spec = chain(
        "matrix",
        node("prep", "approve", {"rule": "initiator"}),
        node(
            "sign",
            "approve",
            {"rule": "initiator_chosen", "multiple": True},
            mode="all",
            on_empty="skip",
        ),
    )
    starter = demo["users"]["zhaolei"]  # 机密
    made = []
    for secrecy in LEVELS:
        chosen = {"sign": [r.username for r in readers]}
        process = start(spec, starter, title=f"{secrecy}件", chosen=chosen)
        set_secrecy(process, secrecy.value, by=starter)
        Approve(open_at(process, "prep")[0], starter).execute()
        made.append(
            Document.objects.create(
                process=process, kind="通知", title=f"{secrecy}件", secrecy=secrecy.value
            )
        )
    return made


def _matrix(check) -> dict:
    return {(c, s): check(c, s) for c in range(4) for s in range(4)}


def _expected() -> dict:
    return {(c, s): c >= s for c in range(4) for s in range(4)}


def test_todo_lists_the_task_exactly_when_cleared(readers, documents) -> None:
    def in_todo(c: int, s: int) -> bool:
        return documents[s].process_id in {t.process_id for t in inbox.todo(readers[c])}

    assert _matrix(in_todo) == _expected()


def test_the_trace_is_read_exactly_when_cleared(readers, documents) -> None:
    def reads(c: int, s: int) -> bool:
        try:
            trace_of(documents[s].process, readers[c])
        except NotCleared:
            return False
        return True

    assert _matrix(reads) == _expected()


def test_visible_to_lists_exactly_the_cleared(readers, documents) -> None:
    def listed(c: int, s: int) -> bool:
        return visible_to(readers[c]).filter(pk=documents[s].pk).exists()

    assert _matrix(listed) == _expected()


def test_the_admin_page_opens_exactly_when_cleared_and_classified_reads_are_audited(
    client, readers, documents
) -> None:
    def opens(c: int, s: int) -> bool:
        client.force_login(readers[c])
        url = reverse("admin:documents_document_change", args=[documents[s].pk])
        status = client.get(url).status_code
        assert status in (200, 403)
        return status == 200

    before = AuditEvent.objects.filter(action="gongwen.document.read").count()
    assert _matrix(opens) == _expected()
    reads = AuditEvent.objects.filter(action="gongwen.document.read").order_by("seq")
    audited = [(e.actor.clearance, e.payload["secrecy"]) for e in reads[before:]]
    # Of the cleared openings, those of 秘密 and 机密 documents: (2,秘密), (3,秘密), (3,机密).
    assert audited == [(2, "秘密"), (3, "秘密"), (3, "机密")]


def test_the_admin_list_masks_titles_above_the_clearance(client, readers, documents) -> None:
    client.force_login(readers[1])  # 内部
    page = client.get(reverse("admin:documents_document_changelist")).content.decode()
    assert "内部件" in page and "公开件" in page
    assert "秘密件" not in page and "机密件" not in page
    found = client.get(reverse("admin:documents_document_changelist"), {"q": "机密件"})
    assert "0 条结果" in found.content.decode()  # the search box echoes the term, nothing more


def test_the_process_admin_page_follows_the_same_rule(client, readers, documents) -> None:
    process = documents[3].process
    url = reverse("admin:runtime_process_change", args=[process.pk])
    client.force_login(readers[1])
    assert client.get(url).status_code == 403
    client.force_login(readers[3])
    assert client.get(url).status_code == 200
    assert AuditEvent.objects.filter(action="gongwen.process.read", actor=readers[3]).exists()


def test_nobody_marks_a_document_above_their_own_clearance(demo) -> None:
    drafter = demo["users"]["huangmin"]  # 内部
    process = start(chain("mark", node("prep", "approve", {"rule": "initiator"})), drafter)
    document = Document.objects.create(process=process, kind="通知", title="草稿")
    assert not may_change_secrecy(drafter, document, "机密")
    before = snapshot()
    with pytest.raises(SecrecyAboveClearance) as refused:
        EditElements(document, drafter, {"secrecy": "机密"}).execute()
    assert (refused.value.pointer, refused.value.status) == ("/secrecy", 403)
    assert snapshot() == before
    assert Document.objects.get(pk=document.pk).secrecy == "公开"

    assert may_change_secrecy(drafter, document, "内部")
    EditElements(document, drafter, {"secrecy": "内部"}).execute()
    assert Process.objects.get(pk=process.pk).secrecy == 1  # the process follows the 公文

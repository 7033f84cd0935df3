"""The document admin finds a document by its 发文字号 and lets nobody edit or delete it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongwen.documents.document.models import Document
from tests.documents.test_document__support import drafted_notice, fresh_flow_classes

__all__ = ["fresh_flow_classes"]

pytestmark = pytest.mark.usefixtures("fresh_flow_classes")


def test_admin_search_by_number_finds_the_document_read_only(demo, admin_client) -> None:
    document = drafted_notice(demo["users"])
    Document.objects.filter(pk=document.pk).update(doc_number="县政办发〔2026〕7号")
    changelist = reverse("admin:documents_document_changelist")
    found = admin_client.get(changelist, {"q": "县政办发〔2026〕7号"})
    assert found.status_code == 200
    assert document.title in found.content.decode()
    missed = admin_client.get(changelist, {"q": "县政办发〔2026〕8号"})
    assert document.title not in missed.content.decode()
    change = admin_client.post(
        reverse("admin:documents_document_change", args=[document.pk]), {"title": "改"}
    )
    assert change.status_code in (200, 302, 403)
    assert Document.objects.get(pk=document.pk).title == document.title
    delete = admin_client.get(reverse("admin:documents_document_delete", args=[document.pk]))
    assert delete.status_code == 403

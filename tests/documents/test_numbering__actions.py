"""预留号 and 作废 as actions: only a registrar or an administrator, each audited on the number."""

from __future__ import annotations

import pytest

from gongwen.audit.models import AuditEvent
from gongwen.documents.actions import ReserveNumber, VoidNumber
from gongwen.documents.document.exceptions import NotAllowed
from gongwen.documents.numbering.demo import load_series
from gongwen.documents.numbering.models import IssuedNumber, NumberStatus


@pytest.fixture
def people(demo) -> dict:
    load_series()
    return demo["users"]


def test_a_registrar_reserves_and_voids_and_both_are_audited(people) -> None:
    held = ReserveNumber("县政办发", people["guoyan"], for_user=people["chenming"]).execute()
    assert (held.status, held.reserved_for) == (NumberStatus.RESERVED, people["chenming"])
    VoidNumber(held, people["admin"], reason="领导未使用").execute()
    events = AuditEvent.objects.filter(action__startswith="gongwen.number.").order_by("seq")
    assert [(e.action, e.actor.username, e.target_id) for e in events] == [
        ("gongwen.number.reserve", "guoyan", str(held.pk)),
        ("gongwen.number.void", "admin", str(held.pk)),
    ]
    assert events[1].payload["reason"] == "领导未使用"


def test_someone_who_is_not_a_registrar_is_refused(people) -> None:
    with pytest.raises(NotAllowed):
        ReserveNumber("县政办发", people["wujing"], for_user=people["chenming"]).execute()
    assert not IssuedNumber.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="gongwen.number.").exists()

"""委托 over a period is created by an action: checked, audited, and routing follows it."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from gongwen.audit.models import AuditEvent
from gongwen.definitions.models import DocumentType
from gongwen.errors import GongwenError, StateConflict
from gongwen.org.models import Delegation
from gongwen.runtime.actions.delegation import CreateDelegation
from gongwen.runtime.exceptions import InvalidInput, NotPermitted
from tests.runtime.helpers import open_at, start
from tests.runtime.specs import chain, node


def _create(people, actor="wujing", **changes):
    now = timezone.now()
    params = {
        "delegator": people["wujing"],
        "delegate": people["xugang"],
        "starts_at": now - timedelta(minutes=1),
        "ends_at": now + timedelta(days=7),
        "scope": "",
        "reason": "出差",
    }
    params.update(changes)
    return CreateDelegation(people[actor], **params)


def _refused(action, kind: type[GongwenError]) -> GongwenError:
    before = list(Delegation.objects.values()), AuditEvent.objects.count()
    with pytest.raises(kind) as refused:
        action.check()
    with pytest.raises(kind):
        action.execute()
    assert (list(Delegation.objects.values()), AuditEvent.objects.count()) == before
    return refused.value


def test_a_delegation_created_by_the_delegator_routes_new_tasks_and_is_audited(people) -> None:
    result = _create(people).execute()

    delegation = Delegation.objects.get(pk=result.delegation_id)
    assert (delegation.delegator, delegation.delegate) == (people["wujing"], people["xugang"])
    event = AuditEvent.objects.get(action="gongwen.delegation.create")
    assert event.actor == people["wujing"]
    assert (event.target_type, event.target_id) == ("org.delegation", str(delegation.pk))
    assert event.payload["delegate"] == people["xugang"].pk
    spec = chain("create", node("sign", "approve", {"rule": "user", "username": "wujing"}))
    (task,) = open_at(start(spec, people["huangmin"]), "sign")
    assert (task.owner, task.on_behalf_of) == (people["xugang"], people["wujing"])


def test_an_administrator_may_create_one_for_someone_else_a_stranger_may_not(people) -> None:
    _refused(_create(people, actor="huangmin"), NotPermitted)
    assert _create(people, actor="admin").execute().delegation_id


def test_delegating_to_oneself_is_refused(people) -> None:
    error = _refused(_create(people, delegate=people["wujing"]), InvalidInput)
    assert error.pointer == "/delegate"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("ends_at", "starts"),  # ends when it starts
        ("ends_at", "past"),  # over before it is made
        ("starts_at", "naive"),  # no time zone
        ("ends_at", "text"),
    ],
)
def test_a_period_that_makes_no_sense_is_refused(people, field, value) -> None:
    now = timezone.now()
    given = {
        "starts": now - timedelta(minutes=1),
        "past": now - timedelta(seconds=1),
        "naive": datetime(2026, 1, 1),  # no time zone: the input refused
        "text": "2026-01-01",
    }[value]
    error = _refused(_create(people, **{field: given}), InvalidInput)
    assert error.pointer == f"/{field}"


def test_the_scope_is_all_matters_or_a_known_document_type(people) -> None:
    error = _refused(_create(people, scope="no-such-type"), InvalidInput)
    assert error.pointer == "/scope"
    DocumentType.objects.create(key="notice-x", name_zh="通知")
    assert _create(people, scope="notice-x").execute().delegation_id


def test_an_overlapping_delegation_of_the_same_matters_is_refused(people) -> None:
    _create(people).execute()
    error = _refused(_create(people, delegate=people["linfeng"]), StateConflict)
    assert error.code == "delegation.overlap"


def test_a_delegate_with_less_clearance_is_noted(people) -> None:
    # 陈明 (机密) is away: his delegate 刘洋 (秘密) will not stand in on 机密 matters.
    Delegation.objects.filter(delegator=people["chenming"]).delete()
    chenming, liuyang = people["chenming"], people["liuyang"]
    result = _create(people, actor="chenming", delegator=chenming, delegate=liuyang).execute()
    assert result.notes == ["delegate_below_clearance"]
    event = AuditEvent.objects.get(action="gongwen.delegation.create")
    assert event.payload["delegate_clearance"] < event.payload["delegator_clearance"]

"""Revoking a 委托 gives the delegator back the open tasks routed to the delegate because of it.

Before, a revoked delegation left those tasks with the delegate: the principal could neither
see nor act on them. Now each goes back to the delegator in the revoke's own transaction, with
one trace row (``gongwen.delegation.give_back``) each.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from gongwen.audit.models import AuditEvent
from gongwen.definitions.models import DocumentType
from gongwen.org.models import Delegation
from gongwen.runtime import inbox
from gongwen.runtime.actions import Approve, Delegate
from gongwen.runtime.actions.delegation import CreateDelegation, RevokeDelegation
from gongwen.runtime.exceptions import Conflict, NotPermitted
from gongwen.runtime.models import TraceEntry
from gongwen.runtime.secrecy import set_secrecy
from tests.runtime.helpers import open_at, snapshot, start
from tests.runtime.specs import chain, flow, node

GIVE_BACK = "gongwen.delegation.give_back"


def _spec(username: str, key: str = "revoke"):
    return chain(key, node("sign", "approve", {"rule": "user", "username": username}))


def _demo_delegation(people) -> Delegation:
    """陈明 (chenming) delegates everything to 刘洋 (liuyang) in the demo county."""
    return Delegation.objects.get(delegator=people["chenming"], delegate=people["liuyang"])


def test_revoking_gives_the_routed_task_back_and_the_principal_can_act(people) -> None:
    process = start(_spec("chenming"), people["huangmin"])
    (task,) = open_at(process, "sign")
    assert (task.owner, task.on_behalf_of) == (people["liuyang"], people["chenming"])
    delegation = _demo_delegation(people)

    result = RevokeDelegation(delegation, people["chenming"], reason="提前返岗").execute()

    task.refresh_from_db()
    assert (task.owner, task.on_behalf_of) == (people["chenming"], None)
    assert result.given_back == [task.pk]
    assert task in inbox.todo(people["chenming"])
    assert task not in inbox.todo(people["liuyang"])
    row = TraceEntry.objects.get(process=process, action=GIVE_BACK)
    assert (row.task_id, row.actor) == (task.pk, people["chenming"])
    assert row.payload == {
        "from": people["liuyang"].pk,
        "to": people["chenming"].pk,
        "delegation": delegation.pk,
    }
    revoked = AuditEvent.objects.get(action="gongwen.delegation.revoke")
    assert revoked.payload["given_back"] == [task.pk]
    assert AuditEvent.objects.filter(action=GIVE_BACK).count() == 1
    delegation.refresh_from_db()
    assert delegation.revoked_at is not None

    with pytest.raises(NotPermitted):
        Approve(task, people["liuyang"]).check()
    Approve(task, people["chenming"], opinion="同意").execute()


def _scoped_spec(username: str, key: str):
    nodes = [
        node("start", "start"),
        node("sign", "approve", {"rule": "user", "username": username}),
    ]
    return flow(
        key, [*nodes, node("end", "end")], [("start", "sign"), ("sign", "end")], unique=False
    )


def _delegate_scope(people, key: str) -> int:
    DocumentType.objects.create(key=key, name_zh=key)
    now = timezone.now()
    return (
        CreateDelegation(
            people["wujing"],
            delegator=people["wujing"],
            delegate=people["xugang"],
            starts_at=now - timedelta(minutes=1),
            ends_at=now + timedelta(days=3),
            scope=key,
        )
        .execute()
        .delegation_id
    )


def test_only_tasks_routed_by_that_delegation_go_back(people) -> None:
    """Another scope's delegation, a 委托 of one task and a finished process stay as they are."""
    revoked, kept = _delegate_scope(people, "revoke-one"), _delegate_scope(people, "revoke-two")
    (routed,) = open_at(start(_scoped_spec("wujing", "revoke-one"), people["huangmin"]), "sign")
    (other,) = open_at(start(_scoped_spec("wujing", "revoke-two"), people["huangmin"]), "sign")
    done = start(_scoped_spec("wujing", "revoke-one"), people["huangmin"])
    Approve(open_at(done, "sign")[0], people["xugang"]).execute()
    (delegated,) = open_at(start(_spec("yangfan"), people["huangmin"]), "sign")
    Delegate(delegated, people["yangfan"], to=people["xugang"]).execute()
    for task in (routed, other):
        assert (task.owner, task.on_behalf_of) == (people["xugang"], people["wujing"])

    result = RevokeDelegation(revoked, people["wujing"]).execute()

    assert result.given_back == [routed.pk]
    for task in (routed, other, delegated):
        task.refresh_from_db()
    assert (routed.owner, routed.on_behalf_of) == (people["wujing"], None)
    assert (other.owner, other.on_behalf_of) == (people["xugang"], people["wujing"])
    assert (delegated.owner, delegated.on_behalf_of) == (people["xugang"], people["yangfan"])
    assert Delegation.objects.get(pk=kept).revoked_at is None


def test_a_task_above_the_delegators_clearance_now_stays_with_the_delegate(people) -> None:
    # 陈明 is 机密 and 刘洋 秘密: made up for the test, 陈明 drops to 内部.
    process = start(_spec("chenming"), people["huangmin"])
    set_secrecy(process, 2, by=people["admin"])
    people["chenming"].clearance = 1
    people["chenming"].save(update_fields=["clearance"])
    (task,) = open_at(process, "sign")

    result = RevokeDelegation(_demo_delegation(people), people["admin"]).execute()

    task.refresh_from_db()
    assert (result.given_back, result.kept) == ([], [task.pk])
    assert task.owner == people["liuyang"]
    assert not TraceEntry.objects.filter(action=GIVE_BACK).exists()


def test_only_the_delegator_or_an_administrator_revokes_and_only_once(people) -> None:
    delegation = _demo_delegation(people)
    start(_spec("chenming"), people["huangmin"])
    before = snapshot()
    for stranger in ("liuyang", "huangmin"):
        with pytest.raises(NotPermitted):
            RevokeDelegation(delegation, people[stranger]).execute()
    assert snapshot() == before

    RevokeDelegation(delegation, people["admin"], reason="人事处通知").execute()
    after = snapshot()
    with pytest.raises(Conflict):
        RevokeDelegation(delegation, people["chenming"]).execute()
    assert snapshot() == after

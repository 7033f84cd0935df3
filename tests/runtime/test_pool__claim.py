"""认领: a claim node opens one unowned task; any current holder of the post may claim it once."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from gongwen.audit.models import AuditEvent
from gongwen.runtime import inbox
from gongwen.runtime.actions import Approve, Claim, Reassign, Reject, Transfer, Unclaim
from gongwen.runtime.exceptions import Conflict, InvalidTarget, NotPermitted
from gongwen.runtime.models import Task, TraceEntry
from gongwen.runtime.trace import SYSTEM, trace_of
from tests.runtime.helpers import open_at, snapshot, start
from tests.runtime.specs import chain, node

#: Registrars of the drafter's organ (县政府办): 何涛, 郭燕, 马慧 of 文电科. 郑凯, 曹雪 and 袁浩
#: are registrars elsewhere.
REGISTRARS = {"hetao", "guoyan", "mahui"}
ROLE_POOL = {"rule": "role", "role": "registrar", "within": "initiator_org"}


def _spec(assignee: dict = ROLE_POOL, **options):
    return chain(
        "pool",
        node("register", "handle", assignee, claim=True, **options),
        node("sign", "approve", {"rule": "user", "username": "chenming"}),
    )


def _todo_ids(user) -> set[int]:
    return {t.pk for t in inbox.todo(user)}


@pytest.fixture
def pooled(people):
    process = start(_spec(), people["huangmin"])
    (task,) = open_at(process, "register")
    return process, task


def test_reaching_a_claim_node_opens_one_unowned_task_for_the_pool(people, pooled) -> None:
    _process, task = pooled
    assert (task.owner_id, task.status, task.pool_role.code) == (None, "NEW", "registrar")
    assert task.pool_department.code == "zfb"
    for username, person in people.items():
        assert (task.pk in _todo_ids(person)) == (username in REGISTRARS), username


def test_a_claim_makes_the_task_the_claimers_and_takes_it_from_the_others(people, pooled) -> None:
    process, task = pooled
    Claim(task, people["guoyan"]).execute()

    task.refresh_from_db()
    assert (task.owner, task.status) == (people["guoyan"], "ASSIGNED")
    assert task.assigned is not None
    assert _todo_ids(people["guoyan"]) == {task.pk}
    assert task.pk not in _todo_ids(people["hetao"]) | _todo_ids(people["mahui"])
    entry = TraceEntry.objects.get(process=process, action="gongwen.task.claim")
    assert (entry.task_id, entry.actor) == (task.pk, people["guoyan"])
    assert AuditEvent.objects.filter(action="gongwen.task.claim").count() == 1

    Approve(task, people["guoyan"]).execute()
    assert [t.owner for t in open_at(process, "sign")] == [people["liuyang"]]  # 陈明's delegate


def test_a_second_claim_conflicts_and_changes_nothing(people, pooled) -> None:
    _process, task = pooled
    Claim(task, people["guoyan"]).execute()
    before = snapshot()
    with pytest.raises(Conflict):
        Claim(task, people["hetao"]).execute()
    with pytest.raises(Conflict):
        Claim(task, people["hetao"]).check()
    assert snapshot() == before


def test_acting_before_claiming_is_refused_with_a_hint_to_claim(people, pooled) -> None:
    _process, task = pooled
    before = snapshot()
    for action in (
        Approve(task, people["guoyan"]),
        Reject(task, people["guoyan"]),
        Transfer(task, people["guoyan"], to=people["hetao"]),
    ):
        with pytest.raises(NotPermitted, match="Claim this task first"):
            action.execute()
    assert snapshot() == before


def test_only_holders_of_the_post_may_claim(people, pooled) -> None:
    _process, task = pooled
    for outsider in ("zhengkai", "huangmin", "chenming"):
        with pytest.raises(NotPermitted):
            Claim(task, people[outsider]).execute()
    people["mahui"].is_active = False
    with pytest.raises(NotPermitted):
        Claim(task, people["mahui"]).execute()


def test_claiming_a_task_that_is_not_a_pool_task_is_refused(people, pooled) -> None:
    process, task = pooled
    Claim(task, people["guoyan"]).execute()
    Approve(task, people["guoyan"]).execute()
    (sign,) = open_at(process, "sign")
    with pytest.raises(InvalidTarget):
        Claim(sign, people["liuyang"]).execute()


def test_unclaim_puts_the_task_back_for_the_whole_pool(people, pooled) -> None:
    process, task = pooled
    Claim(task, people["guoyan"]).execute()
    with pytest.raises(NotPermitted):
        Unclaim(task, people["hetao"]).execute()
    Unclaim(task, people["guoyan"]).execute()

    task.refresh_from_db()
    assert (task.owner_id, task.status, task.assigned) == (None, "NEW", None)
    assert all(task.pk in _todo_ids(people[u]) for u in REGISTRARS)
    assert TraceEntry.objects.filter(process=process, action="gongwen.task.unclaim").count() == 1
    Claim(task, people["mahui"]).execute()
    Approve(task, people["mahui"]).execute()


def test_an_administrator_can_hand_an_unclaimed_task_to_someone(people, pooled) -> None:
    process, task = pooled
    Reassign(task, _superuser(people), to=people["hetao"]).execute()
    task.refresh_from_db()
    assert (task.owner, task.status) == (people["hetao"], "ASSIGNED")
    Approve(task, people["hetao"]).execute()
    assert open_at(process, "sign")


def _superuser(people):
    admin = people["admin"]
    admin.is_superuser = True
    admin.save(update_fields=["is_superuser"])
    return admin


def test_a_position_pool_is_for_the_holders_of_that_post(people) -> None:
    assignee = {"rule": "position", "title": "档案员", "department": {"department": "dag-ywk"}}
    process = start(_spec(assignee), people["huangmin"])
    (task,) = open_at(process, "register")
    assert (task.pool_title, task.pool_department.code, task.pool_role) == (
        "档案员",
        "dag-ywk",
        None,
    )
    seen = {u for u, person in people.items() if task.pk in _todo_ids(person)}
    assert seen == {"duwei", "yeqing"}  # not 程立, the section's 科长; not 叶青's other post
    with pytest.raises(NotPermitted):
        Claim(task, people["chengli"]).execute()
    Claim(task, people["yeqing"]).execute()


def test_a_pool_nobody_holds_falls_back_to_on_empty(people) -> None:
    nobody = {"rule": "role", "role": "leader_in_charge", "within": "initiator_org"}  # none here
    process = start(_spec(nobody, on_empty="skip"), people["huangmin"])
    assert open_at(process, "register") == []
    skipped = Task.objects.get(process=process, node_id="register")
    assert (skipped.outcome, skipped.pool_role_id) == ("skipped", None)


def test_a_role_pool_across_the_whole_organisation_has_no_department(people) -> None:
    process = start(_spec({"rule": "role", "role": "registrar"}), people["huangmin"])
    (task,) = open_at(process, "register")
    assert task.pool_department is None
    assert task.pk in _todo_ids(people["zhengkai"]) and task.pk in _todo_ids(people["hetao"])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_claims_one_wins(demo) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("threads cannot share SQLite's in-memory test database")
    people = demo["users"]
    process = start(_spec(), people["huangmin"])
    (task,) = open_at(process, "register")
    claimers = sorted(REGISTRARS)
    barrier = threading.Barrier(len(claimers))
    outcomes: dict[str, str] = {}

    def claim(username: str) -> None:
        try:
            barrier.wait()
            Claim(task.pk, people[username]).execute()
            outcomes[username] = "ok"
        except Conflict:
            outcomes[username] = "conflict"
        except Exception as error:
            outcomes[username] = f"error: {error!r}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=claim, args=(u,)) for u in claimers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes.values()) == ["conflict", "conflict", "ok"]
    (winner,) = [u for u, outcome in outcomes.items() if outcome == "ok"]
    task.refresh_from_db()
    assert task.owner == people[winner]
    assert TraceEntry.objects.filter(process=process, action="gongwen.task.claim").count() == 1


def test_the_trace_shows_the_pool_an_unclaimed_task_waits_in(
    people, pooled, django_assert_num_queries
) -> None:
    process, task = pooled
    with django_assert_num_queries(2):
        (where,) = trace_of(process, SYSTEM).current
        waiting = (where.task_id, where.assignee, where.pool_role.code, where.pool_department.code)
    assert waiting == (task.pk, None, "registrar", "zfb")
    Claim(task, people["mahui"]).execute()
    (where,) = trace_of(process, SYSTEM).current
    assert (where.assignee, where.pool_role.code) == (people["mahui"], "registrar")


def test_urging_an_unclaimed_task_reminds_everyone_who_may_claim_it(people, pooled) -> None:
    from gongwen.notifications.models import Notification
    from gongwen.runtime.actions import Urge
    from gongwen.runtime.announcements import URGED, deliver

    _process, task = pooled
    result = Urge(task.process, people["huangmin"], message="今天要报").execute()
    assert result.opened_task_ids == [task.pk]
    deliver("gongwen.task.urge", result.opened_task_ids)
    told = Notification.objects.filter(task_id=task.pk, kind=URGED)
    assert set(told.values_list("user__username", flat=True)) == REGISTRARS

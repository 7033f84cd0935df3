"""Org queries the runtime needs, each with its number of queries asserted."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gongwen.org import queries
from gongwen.org.models import Delegation, Position


def test_department_head_is_one_query(demo, django_assert_num_queries) -> None:
    with django_assert_num_queries(1):
        head = queries.department_head(demo["depts"]["zfb-msk"])
    assert head.username == "yangfan"


def test_vacant_head_gives_none(demo) -> None:
    Position.objects.filter(department=demo["depts"]["zfb-msk"], is_head=True).delete()
    assert queries.department_head(demo["depts"]["zfb-msk"]) is None


@pytest.mark.parametrize(
    ("person", "level", "expected"),
    [
        ("huangmin", 1, "yangfan"),  # 科员 → 科长
        ("huangmin", 2, "chenming"),  # → 办公室主任
        ("huangmin", 3, "zhangjianguo"),  # → 县长 (head of the county government)
        ("huangmin", 4, None),  # nobody above the top
        ("yangfan", 1, "chenming"),  # a head's superior is the next head up
        ("liuyang", 1, "chenming"),  # a deputy's superior is the head of the same unit
        ("zhangjianguo", 1, None),
    ],
)
def test_nth_superior_in_two_queries_whatever_n(
    demo, django_assert_num_queries, person, level, expected
) -> None:
    with django_assert_num_queries(2):
        found = queries.superior(demo["users"][person], level)
    assert (found.username if found else None) == expected


def test_superior_passes_over_a_vacant_post(demo) -> None:
    Position.objects.filter(department=demo["depts"]["zfb-msk"], is_head=True).delete()
    assert queries.superior(demo["users"]["huangmin"], 1).username == "chenming"


def test_superior_in_a_secondary_post(demo, django_assert_num_queries) -> None:
    with django_assert_num_queries(1):
        boss = queries.superior(demo["users"]["fanglin"], 1, department=demo["depts"]["jyj-bgs"])
    assert boss.username == "dongmei"


def test_role_members_within_a_subtree_is_one_query(demo, django_assert_num_queries) -> None:
    with django_assert_num_queries(1):
        reviewers = [
            u.username for u in queries.role_members("office_reviewer", within=demo["depts"]["zfb"])
        ]
    assert reviewers == ["chenming", "liuyang", "linfeng"]


def test_role_members_directly_in_a_department_only(demo) -> None:
    members = queries.role_members("office_reviewer", within=demo["depts"]["zfb"], subtree=False)
    assert sorted(u.username for u in members) == ["chenming", "liuyang"]


def test_role_members_counts_secondary_posts_once(demo) -> None:
    archivists = [u.username for u in queries.role_members("archivist")]
    assert archivists.count("yeqing") == 1
    zfb = [u.username for u in queries.role_members("archivist", within=demo["depts"]["zfb"])]
    assert zfb == ["yeqing"]


def test_role_members_leaves_out_inactive_people(demo) -> None:
    demo["users"]["linfeng"].is_active = False
    demo["users"]["linfeng"].save()
    assert "linfeng" not in [u.username for u in queries.role_members("office_reviewer")]


@pytest.mark.parametrize(
    ("dept", "expected"),
    [
        ("czj", "liwenhua"),
        ("czj-bgs", "liwenhua"),
        ("czj-ysk", "fengli"),
        ("dag-ywk", "wangxiuying"),
        ("xwb", None),
    ],
)
def test_leader_in_charge_is_the_nearest_oversight_up_the_tree(
    demo, django_assert_num_queries, dept, expected
) -> None:
    with django_assert_num_queries(1):
        leader = queries.leader_in_charge(demo["depts"][dept])
    assert (leader.username if leader else None) == expected


def test_delegation_in_effect_at_a_time(demo, django_assert_num_queries) -> None:
    chenming = demo["users"]["chenming"]
    now = timezone.now()
    with django_assert_num_queries(1):
        assert queries.delegate_for(chenming, at=now).username == "liuyang"
    assert queries.delegate_for(chenming, at=now - timedelta(days=2)) is None
    assert queries.delegate_for(chenming, at=now + timedelta(days=15)) is None
    assert queries.delegate_for(demo["users"]["huangmin"], at=now) is None


def test_a_revoked_delegation_stops_at_revocation(demo) -> None:
    now = timezone.now()
    Delegation.objects.filter(delegator=demo["users"]["chenming"]).update(revoked_at=now)
    assert queries.delegate_for(demo["users"]["chenming"], at=now - timedelta(hours=1))
    assert queries.delegate_for(demo["users"]["chenming"], at=now + timedelta(hours=1)) is None


def test_a_scoped_delegation_wins_over_an_all_matters_one(demo) -> None:
    users, now = demo["users"], timezone.now()
    Delegation.objects.create(
        delegator=users["zhangjianguo"],
        delegate=users["liwenhua"],
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(days=1),
        scope="request",
    )
    assert queries.delegate_for(users["zhangjianguo"], at=now, scope="request") == users["liwenhua"]
    assert queries.delegate_for(users["zhangjianguo"], at=now, scope="notice") is None


def test_departments_of_lists_primary_first(demo, django_assert_num_queries) -> None:
    with django_assert_num_queries(1):
        depts = queries.departments_of(demo["users"]["fanglin"])
    assert [d.code for d in depts] == ["zfb-msk", "jyj-bgs"]

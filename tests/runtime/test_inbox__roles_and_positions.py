"""待办 through roles, posts and delegations: one query per page, however many posts one holds."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from gongwen.org.models import Delegation, Department, DepartmentKind, Position, Role
from gongwen.runtime import inbox
from gongwen.runtime.actions import Claim
from tests.runtime.helpers import open_at, start
from tests.runtime.specs import chain, node


def _pool_spec(assignee: dict):
    return chain("pooled", node("take", "handle", assignee, claim=True))


def _own_spec(username: str):
    return chain("owned", node("sign", "approve", {"rule": "user", "username": username}))


def _many_posts(person, count: int) -> None:
    """Give ``person`` ``count`` extra posts, each in a new section and with every role."""
    root = Department.objects.get(code="qhx")
    roles = list(Role.objects.all())
    for n in range(count):
        section = Department.objects.create(
            name=f"科{n}", code=f"extra-{n}", kind=DepartmentKind.SECTION, parent=root
        )
        post = Position.objects.create(user=person, department=section, title=f"岗位{n}")
        post.roles.set(roles)


@pytest.mark.parametrize("posts", [0, 30])
def test_todo_is_one_query_whatever_the_number_of_posts_and_roles(
    people, posts, django_assert_num_queries
) -> None:
    person = people["guoyan"]
    _many_posts(person, posts)
    for _ in range(3):
        start(_pool_spec({"rule": "role", "role": "registrar"}), people["huangmin"])
        start(_own_spec("guoyan"), people["huangmin"])
    with django_assert_num_queries(1):
        rows = inbox.todo(person)
        [(t.process.title, t.owner and t.owner.username, t.on_behalf_of) for t in rows]
    assert len(rows) == 6


def test_a_role_pool_is_seen_by_holders_in_the_subtree_only(people) -> None:
    scoped = {"rule": "role", "role": "registrar", "within": "initiator_department"}
    process = start(_pool_spec(scoped), people["zhengkai"])  # 发改局办公室: 郑凯 alone
    (task,) = open_at(process, "take")
    holders = {u for u, p in people.items() if task.pk in {t.pk for t in inbox.todo(p)}}
    assert holders == {"zhengkai"}


def _delegate_to(delegator, delegate) -> None:
    now = timezone.now()
    Delegation.objects.create(
        delegator=delegator,
        delegate=delegate,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(days=1),
    )


def test_keyset_paging_walks_owned_pool_and_delegated_tasks_newest_first(people) -> None:
    person = people["guoyan"]
    expected = []
    for n in range(3):
        for spec in (
            _own_spec("guoyan"),
            _pool_spec({"rule": "role", "role": "registrar", "within": "initiator_org"}),
            _own_spec("mahui"),  # 马慧's: held through her delegation, given below
        ):
            process = start(spec, people["huangmin"], title=f"{spec.key} {n}")
            expected += [t.pk for t in open_at(process, "sign") + open_at(process, "take")]
    claimed = open_at(
        start(_pool_spec({"rule": "role", "role": "registrar"}), people["huangmin"]), "take"
    )[0]
    Claim(claimed, people["hetao"]).execute()  # claimed by someone else: gone from the pool
    _delegate_to(people["mahui"], person)
    assert {t.owner for t in inbox.todo(person)} == {None, person, people["mahui"]}

    pages, cursor = [], None
    while True:
        page = inbox.todo(person, before=cursor, limit=2)
        if not page:
            break
        pages.append([t.pk for t in page])
        cursor = (page[-1].created, page[-1].pk)
    walked = [pk for page in pages for pk in page]
    assert sorted(walked) == sorted(expected)
    assert len(walked) == len(set(walked)) == 9
    assert all(len(page) == 2 for page in pages[:-1])
    assert inbox.todo(person, limit=0) == []
    rows = inbox.todo(person, limit=50)
    assert [t.pk for t in rows] == walked
    assert [(t.created, t.pk) for t in rows] == sorted(
        ((t.created, t.pk) for t in rows), reverse=True
    )

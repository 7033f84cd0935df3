"""The delegation rule is spelled twice: as querysets (delegate_for) and as the SQL subquery
the assignee planner annotates people with (with_delegate_ids). Both give the same answers."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gongwen.org.models import Delegation, User
from gongwen.org.queries import DELEGATE_ID, delegate_for, with_delegate_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(demo):
    """Delegations of every shape the rule distinguishes, from five people."""
    users = demo["users"]
    now = timezone.now()
    day = timedelta(days=1)

    def give(frm, to, start, end, scope="", revoked=None):
        Delegation.objects.create(
            delegator=users[frm],
            delegate=users[to],
            starts_at=now + start * day,
            ends_at=now + end * day,
            scope=scope,
            revoked_at=None if revoked is None else now + revoked * day,
            reason="test",
        )

    give("huangmin", "wujing", -2, 2, scope="notice")  # for notices only
    give("huangmin", "hetao", -2, 2, scope="request")  # for requests only
    give("yangfan", "guoyan", 1, 3)  # not yet in effect
    give("yangfan", "hetao", -5, -1)  # over
    give("hetao", "wujing", -2, 2, revoked=-1)  # revoked already
    give("guoyan", "yangfan", -2, 2, revoked=1)  # revoked only later: still in effect
    users["liuyang"].is_active = False
    users["liuyang"].save()
    give("wujing", "liuyang", -2, 2)  # an inactive delegate acts for nobody
    return users, now


@pytest.mark.parametrize("scope", ["", "notice", "request"])
@pytest.mark.parametrize("shift_days", [0, 1.5, -1.5, -2, 2, -1, 1, 3, -5])  # ± the edges
def test_sql_and_queryset_spellings_agree(cases, scope, shift_days) -> None:
    users, now = cases
    at = now + timedelta(days=shift_days)
    people = ["huangmin", "yangfan", "hetao", "guoyan", "wujing", "chenming"]
    annotated = {
        u.username: getattr(u, DELEGATE_ID)
        for u in with_delegate_ids(User.objects.filter(username__in=people), at=at, scope=scope)
    }
    for name in people:
        expected = delegate_for(users[name], at=at, scope=scope)
        assert annotated[name] == (expected.pk if expected else None), (name, scope, shift_days)


def test_the_cases_are_not_all_empty(cases) -> None:
    users, _ = cases
    notice = with_delegate_ids(User.objects.filter(username="huangmin"), scope="notice").get()
    other = with_delegate_ids(User.objects.filter(username="huangmin"), scope="request").get()
    nothing = with_delegate_ids(User.objects.filter(username="huangmin"), scope="report").get()
    assert getattr(nothing, DELEGATE_ID) is None
    assert getattr(notice, DELEGATE_ID) == users["wujing"].pk
    assert getattr(other, DELEGATE_ID) == users["hetao"].pk

"""Delegations to oneself, with an empty period, or overlapping the same scope are refused."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongwen.org.models import Delegation

pytestmark = pytest.mark.django_db


def _delegation(users, frm, to, start_days, end_days, scope=""):
    now = timezone.now()
    return Delegation(
        delegator=users[frm],
        delegate=users[to],
        scope=scope,
        starts_at=now + timedelta(days=start_days),
        ends_at=now + timedelta(days=end_days),
    )


def _codes(err: ValidationError) -> set[str]:
    return (
        {e.code for e in err.error_list}
        if not hasattr(err, "error_dict")
        else {e.code for errors in err.error_dict.values() for e in errors}
    )


def test_delegating_to_oneself_is_refused(demo) -> None:
    d = _delegation(demo["users"], "huangmin", "huangmin", 0, 1)
    with pytest.raises(ValidationError) as err:
        d.full_clean()
    assert "self_delegation" in _codes(err.value)


def test_database_refuses_self_delegation_even_past_validation(demo) -> None:
    d = _delegation(demo["users"], "huangmin", "huangmin", 0, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        d.save()
    assert not Delegation.objects.filter(delegator=demo["users"]["huangmin"]).exists()


def test_an_empty_period_is_refused(demo) -> None:
    with pytest.raises(ValidationError) as err:
        _delegation(demo["users"], "huangmin", "xugang", 2, 1).full_clean()
    assert "empty_period" in _codes(err.value)


@pytest.mark.parametrize(
    ("existing", "new", "clash"),
    [
        ("", "", True),
        ("", "notice", True),
        ("notice", "", True),
        ("notice", "notice", True),
        ("notice", "request", False),
    ],
)
def test_overlap_in_the_same_scope_is_refused_on_clean_and_on_save(demo, existing, new, clash):
    users = demo["users"]
    _delegation(users, "yangfan", "wujing", 0, 5, existing).save()
    second = _delegation(users, "yangfan", "huangmin", 3, 8, new)
    if not clash:
        second.full_clean()
        second.save()
        return
    with pytest.raises(ValidationError) as err:
        second.full_clean()
    assert "overlapping_delegation" in _codes(err.value)
    with pytest.raises(ValidationError):
        second.save()
    assert Delegation.objects.filter(delegator=users["yangfan"]).count() == 1


def test_back_to_back_periods_do_not_overlap(demo) -> None:
    users = demo["users"]
    first = _delegation(users, "yangfan", "wujing", 0, 5)
    first.save()
    second = Delegation(
        delegator=users["yangfan"],
        delegate=users["huangmin"],
        starts_at=first.ends_at,
        ends_at=first.ends_at + timedelta(days=1),
    )
    second.full_clean()
    second.save()

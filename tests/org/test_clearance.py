"""密级 clearance has exactly four levels; anything else is refused everywhere."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from gongwen.org.clearance import Clearance
from gongwen.org.models import User


@pytest.mark.parametrize(
    ("raw", "level"),
    [
        ("公开", 0),
        ("内部", 1),
        ("秘密", 2),
        ("机密", 3),
        (2, 2),
        ("3", 3),
        ("secret", 2),
    ],
)
def test_parse_accepts_the_four_levels(raw, level) -> None:
    assert Clearance.parse(raw) == level


@pytest.mark.parametrize("raw", ["绝密", "top secret", 4, -1, "", None, True, 2.5])
def test_parse_refuses_anything_else(raw) -> None:
    with pytest.raises(ValueError, match="密级"):
        Clearance.parse(raw)


def test_levels_are_ordered_for_cleared_for_checks() -> None:
    user = User(clearance=Clearance.SECRET)
    assert user.is_cleared_for(Clearance.INTERNAL) and user.is_cleared_for(Clearance.SECRET)
    assert not user.is_cleared_for(Clearance.CONFIDENTIAL)


@pytest.mark.django_db
def test_model_validation_and_database_refuse_a_fifth_level() -> None:
    user = User(username="x", clearance=7)
    with pytest.raises(ValidationError) as err:
        user.full_clean(exclude=["password"])
    assert "clearance" in err.value.error_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        user.save()
    assert not User.objects.filter(username="x").exists()

"""The ``demo`` county is loaded once per process, yet no test sees another's changes.

Collection puts the tests that share the county first (tests/conftest.py), so in a whole run
the plain test below follows loaded-county tests in its process and checks they left nothing.
"""

import pytest

from gongwen.org.models import User


def test_a_test_may_change_the_county(demo) -> None:
    demo["users"]["huangmin"].delete()
    demo["users"]["fanglin"].display_name = "改名"
    assert not User.objects.filter(username="huangmin").exists()


def test_the_next_test_gets_it_back_with_fresh_objects(demo) -> None:
    assert User.objects.filter(username="huangmin").exists()
    assert demo["users"]["fanglin"].display_name == "方琳"


@pytest.mark.django_db
def test_a_test_without_demo_sees_an_empty_organisation() -> None:
    assert not User.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_loads_its_own_county(demo) -> None:
    assert User.objects.filter(username="huangmin").exists()

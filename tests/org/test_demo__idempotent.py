"""``load_demo`` builds a realistic county and can run twice without duplicating anything."""

from django.core.management import call_command
from django.utils import timezone

from gongwen.org import queries
from gongwen.org.models import Delegation, Department, Position, User


def _counts():
    return (
        Department.objects.count(),
        User.objects.count(),
        Position.objects.count(),
        Delegation.objects.count(),
    )


def test_demo_county_shape(demo) -> None:
    assert User.objects.count() >= 40
    assert {"zfb-msk", "zfb-zhk", "zfb-wdk", "fgj", "czj", "jyj", "dag", "xwb"} <= set(
        demo["depts"]
    )
    assert all(u.display_name for u in User.objects.all())
    assert User.objects.filter(positions__isnull=True).count() == 0
    multi = [u for u in User.objects.all() if u.positions.count() > 1]
    assert multi, "someone must hold posts in two departments"
    assert sum(1 for u in multi if u.positions.filter(is_primary=True).count() == 1) == len(multi)
    in_effect = Delegation.objects.in_effect(timezone.now())
    assert in_effect.count() == 1
    assert {u.clearance for u in User.objects.all()} >= {1, 2, 3}


def test_loading_twice_changes_nothing(demo, capsys) -> None:
    before = _counts()
    call_command("load_demo")
    assert _counts() == before
    assert "Demo organisation loaded" in capsys.readouterr().out
    assert queries.delegate_for(demo["users"]["chenming"]).username == "liuyang"

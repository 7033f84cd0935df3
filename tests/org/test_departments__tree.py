"""The department tree keeps its paths right and refuses cycles without half-saving."""

import pytest
from django.core.exceptions import ValidationError

from gongwen.org.models import Department


def make(code: str, parent: Department | None = None) -> Department:
    kind = "region" if parent is None else "organ"
    return Department.objects.create(code=code, name=code.upper(), kind=kind, parent=parent)


@pytest.mark.django_db
def test_paths_and_depths_follow_the_tree() -> None:
    county = make("county")
    bureau = make("bureau", county)
    section = make("section", bureau)
    assert county.path == f"/{county.pk}/" and county.depth == 0
    assert section.path == f"/{county.pk}/{bureau.pk}/{section.pk}/" and section.depth == 2
    assert section.ancestor_ids == [county.pk, bureau.pk]
    assert section.is_within(county) and not county.is_within(section)


@pytest.mark.django_db
def test_moving_a_department_moves_its_whole_subtree() -> None:
    county = make("county")
    a, b = make("a", county), make("b", county)
    child = make("child", a)
    grandchild = make("grandchild", child)
    child.parent = b
    child.save()
    grandchild.refresh_from_db()
    assert grandchild.path == f"/{county.pk}/{b.pk}/{child.pk}/{grandchild.pk}/"
    assert grandchild.depth == 3
    assert list(Department.objects.filter(path__startswith=b.path)) == [b, child, grandchild]


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["self", "grandchild"])
def test_a_cycle_is_rejected_with_a_clear_message_and_nothing_changes(target: str) -> None:
    county = make("county")
    child = make("child", county)
    grandchild = make("grandchild", child)
    before = list(Department.objects.values_list("id", "parent_id", "path", "depth"))

    child.parent = child if target == "self" else grandchild
    with pytest.raises(ValidationError) as err:
        child.full_clean()
    assert err.value.error_dict["parent"][0].code == "department_cycle"
    with pytest.raises(ValidationError):
        child.save()

    assert list(Department.objects.values_list("id", "parent_id", "path", "depth")) == before

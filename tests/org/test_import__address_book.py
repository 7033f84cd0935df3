"""Address-book import: a bad row rejects the whole file with its message; nothing half-saved."""

import pytest
import tablib

from gongwen.org.models import Department, User
from gongwen.org.resources import DepartmentResource, PositionResource, UserResource

pytestmark = pytest.mark.django_db

HEADERS = ["code", "name", "short_name", "kind", "parent", "sort_order", "is_active"]


def _import(resource, headers, rows):
    data = tablib.Dataset(*rows, headers=headers)
    return resource().import_data(data, dry_run=False, raise_errors=False)


def test_a_valid_tree_imports() -> None:
    result = _import(
        DepartmentResource,
        HEADERS,
        [
            ("c", "县", "县", "region", "", 0, True),
            ("b", "局", "局", "organ", "c", 1, True),
        ],
    )
    assert not result.has_errors() and not result.has_validation_errors()
    assert Department.objects.get(code="b").parent.code == "c"


def test_an_import_that_would_make_a_cycle_saves_nothing() -> None:
    _import(
        DepartmentResource,
        HEADERS,
        [("c", "县", "", "region", "", 0, True), ("b", "局", "", "organ", "c", 1, True)],
    )
    before = list(Department.objects.values_list("code", "parent_id", "path"))
    result = _import(
        DepartmentResource,
        HEADERS,
        [
            ("new", "新科室", "", "section", "b", 2, True),
            ("c", "县", "", "region", "b", 0, True),  # the root under its own child
        ],
    )
    assert result.has_validation_errors()
    messages = [str(e.error) for row in result.invalid_rows for e in [row]]
    assert messages
    assert list(Department.objects.values_list("code", "parent_id", "path")) == before


def test_people_import_refuses_an_unknown_clearance_and_saves_nobody() -> None:
    result = _import(
        UserResource,
        ["username", "display_name", "email", "phone", "clearance", "is_active"],
        [
            ("a1", "甲", "", "", "内部", True),
            ("a2", "乙", "", "", "绝密", True),
        ],
    )
    assert result.has_errors() or result.has_validation_errors()
    assert not User.objects.filter(username__in=["a1", "a2"]).exists()


def test_positions_import_with_roles_by_code(demo) -> None:
    result = _import(
        PositionResource,
        ["user", "department", "title", "roles", "is_primary", "is_head", "rank"],
        [
            ("xugang", "fgj-ghk", "挂职", "handler,drafter", False, False, 50),
        ],
    )
    assert not result.has_errors() and not result.has_validation_errors()
    post = demo["users"]["xugang"].positions.get(title="挂职")
    assert sorted(post.roles.values_list("code", flat=True)) == ["drafter", "handler"]

"""The admin lists the organisation with search and filters and refuses bad edits cleanly."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gongwen.org.models import Delegation, Department


@pytest.fixture
def admin_client(client, demo):
    client.force_login(demo["users"]["admin"])
    return client


@pytest.mark.parametrize(
    ("model", "query"),
    [
        ("user", "?q=黄敏&clearance__exact=1"),
        ("department", "?q=秘书科&kind__exact=section"),
        ("position", "?q=科长&is_head__exact=1"),
        ("delegation", "?q=陈明"),
        ("role", "?q=drafter"),
        ("oversight", ""),
    ],
)
def test_changelists_search_and_filter(admin_client, model, query) -> None:
    response = admin_client.get(reverse(f"admin:org_{model}_changelist") + query)
    assert response.status_code == 200


def test_user_search_finds_by_chinese_name(admin_client) -> None:
    body = admin_client.get(reverse("admin:org_user_changelist") + "?q=黄敏").content.decode()
    assert "huangmin" in body and "yangfan" not in body


def test_moving_a_department_under_its_own_section_is_refused(admin_client, demo) -> None:
    zfb, section = demo["depts"]["zfb"], demo["depts"]["zfb-msk"]
    before = list(Department.objects.values_list("id", "parent_id", "path"))
    response = admin_client.post(
        reverse("admin:org_department_change", args=[zfb.pk]),
        {
            "name": zfb.name,
            "short_name": zfb.short_name,
            "code": zfb.code,
            "kind": zfb.kind,
            "parent": section.pk,
            "sort_order": 0,
            "is_active": "on",
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert "部门不能挂在自身或其下级单位之下" in response.content.decode()
    assert list(Department.objects.values_list("id", "parent_id", "path")) == before


def test_delegation_to_oneself_is_refused_in_the_admin(admin_client, demo) -> None:
    me = demo["users"]["yangfan"]
    now = timezone.localtime()
    end = now + timedelta(days=1)
    response = admin_client.post(
        reverse("admin:org_delegation_add"),
        {
            "delegator": me.pk,
            "delegate": me.pk,
            "starts_at_0": now.strftime("%Y-%m-%d"),
            "starts_at_1": now.strftime("%H:%M:%S"),
            "ends_at_0": end.strftime("%Y-%m-%d"),
            "ends_at_1": end.strftime("%H:%M:%S"),
            "scope": "",
            "reason": "x",
        },
    )
    assert response.status_code == 200
    assert "不能委托给本人" in response.content.decode()
    assert not Delegation.objects.filter(delegator=me).exists()

"""The home page is an entry point: each person's open work, and where they can act today."""

from __future__ import annotations

import io

from django.urls import reverse

from gongwen.definitions.versions import latest, load_spec
from gongwen.runtime.actions import StartProcess
from tests.forms.samples import sample


def _home(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def _start_notice(initiator) -> None:
    from django.core.management import call_command

    call_command("load_document_demo", stdout=io.StringIO())
    call_command("load_definitions", stdout=io.StringIO())
    spec = load_spec("notice", latest("notice").version)
    StartProcess(spec, initiator, title="关于开展安全检查的通知", data=sample("notice")).execute()


def test_a_reviewer_sees_the_task_waiting_for_them(client, demo) -> None:
    _start_notice(demo["users"]["huangmin"])
    body = _home(client, demo["users"]["yangfan"])  # 科室负责人: the first review is theirs
    assert 'data-testid="count-todo"><span class="value">1<' in body
    assert "待办" in body and "草稿" in body


def test_the_drafter_sees_what_they_started(client, demo) -> None:
    _start_notice(demo["users"]["huangmin"])
    body = _home(client, demo["users"]["huangmin"])
    assert 'data-testid="count-started"><span class="value">1<' in body
    assert 'data-testid="count-todo"><span class="value">0<' in body


def test_staff_get_the_admin_site_and_its_sections(client, demo) -> None:
    body = _home(client, demo["users"]["admin"])
    assert 'href="/admin/"' in body and "进入管理后台" in body
    assert 'data-testid="admin-sections"' in body
    assert "/admin/org/department/" in body  # a section they may open, linked


def test_everyone_else_is_told_plainly_what_exists(client, demo) -> None:
    body = _home(client, demo["users"]["huangmin"])
    assert "/admin/" not in body
    assert "工作台" in body and "暂不可用" in body


def test_counts_stop_at_the_cap() -> None:
    from gongwen.web.summary import Count

    assert Count("todo", "待办", 100).shown == "99+"
    assert Count("todo", "待办", 99).shown == "99"

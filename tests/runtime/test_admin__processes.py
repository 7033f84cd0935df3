"""The admin lists Gongwen's own processes; a process page shows its timeline and open tasks."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse

from gongwen.runtime.models import Process, TraceEntry
from tests.runtime.admin_helpers import publish_shipped, start_notice
from tests.runtime.helpers import open_at


@pytest.fixture
def running(people) -> Process:
    return start_notice(publish_shipped("notice"), people, "关于做好冬季安全生产工作的通知")


@pytest.fixture
def staff(client, people):
    client.force_login(people["admin"])
    return client


def test_a_running_process_is_in_the_process_list(staff, running) -> None:
    page = staff.get(reverse("admin:runtime_process_changelist"))
    assert page.status_code == 200
    assert [p.pk for p in page.context["cl"].result_list] == [running.pk]
    text = page.content.decode()
    assert "关于做好冬季安全生产工作的通知" in text
    assert "通知" in text and "新建" in text  # document type and status, in words


def test_the_process_page_shows_its_timeline_and_open_tasks(staff, running, people) -> None:
    page = staff.get(reverse("admin:runtime_process_change", args=[running.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    timeline = text[text.index('id="process-timeline"') :]
    started = timeline.index("发起 (gongwen.process.start)")
    approved = timeline.index("通过 (gongwen.task.approve)")
    assert started < approved  # in order
    assert "同意，请办公室核稿" in timeline and "科室负责人审核" in timeline
    waiting = text[text.index('id="process-open-tasks"') : text.index('id="process-timeline"')]
    tasks = open_at(running, "office_review")
    assert tasks and "办公室核稿" in waiting  # the node's name, not its id
    for task in tasks:
        assert str(people[task.owner.username]) in waiting
        assert reverse("admin:runtime_task_change", args=[task.pk]) in waiting


def test_viewflow_lists_are_gone(staff, running) -> None:
    with pytest.raises(NoReverseMatch):
        reverse("admin:viewflow_process_changelist")
    assert staff.get("/admin/viewflow/process/").status_code == 404
    index = staff.get(reverse("admin:index")).content.decode()
    assert "/admin/viewflow/" not in index
    assert reverse("admin:runtime_process_changelist") in index


def test_nothing_can_be_added_changed_or_deleted(staff, running) -> None:
    for model in ("process", "task", "traceentry"):
        assert staff.get(reverse(f"admin:runtime_{model}_add")).status_code == 403
    delete = reverse("admin:runtime_process_delete", args=[running.pk])
    assert staff.post(delete, {"post": "yes"}).status_code == 403
    change = reverse("admin:runtime_process_change", args=[running.pk])
    assert 'name="title"' not in staff.get(change).content.decode()
    staff.post(change, {"title": "改掉的标题"})
    assert Process.objects.get(pk=running.pk).title == "关于做好冬季安全生产工作的通知"
    assert Process.objects.count() == 1


def test_task_and_trace_pages_are_titled_in_words(staff, running) -> None:
    (task,) = open_at(running, "office_review")[:1]
    page = staff.get(reverse("admin:runtime_task_change", args=[task.pk])).content.decode()
    assert f"#{task.pk} 办公室核稿 · 关于做好冬季安全生产工作的通知" in page
    assert "engine/flows" not in page and "ASSIGNED" not in page  # no viewflow reference
    entry = TraceEntry.objects.get(process=running, action="gongwen.task.approve")
    page = staff.get(reverse("admin:runtime_traceentry_change", args=[entry.pk])).content.decode()
    assert "通过 (gongwen.task.approve)" in page and "科室负责人审核" in page
    process_page = staff.get(reverse("admin:runtime_process_change", args=[running.pk]))
    assert f"#{running.pk} 关于做好冬季安全生产工作的通知" in process_page.content.decode()

"""The runtime admin lists: filters by type, status, person, department; few queries; zh-Hans."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongwen.runtime.models import Process, Task, TraceEntry
from tests.forms.samples import sample
from tests.runtime.admin_helpers import publish_shipped, start_notice
from tests.runtime.helpers import start

LISTS = ("process", "task", "traceentry")


@pytest.fixture
def staff(client, people):
    client.force_login(people["admin"])
    return client


@pytest.fixture
def notice(people):
    return publish_shipped("notice")


def _listed(staff, model: str, **params) -> list:
    page = staff.get(reverse(f"admin:runtime_{model}_changelist"), params)
    assert page.status_code == 200
    return list(page.context["cl"].result_list)


def _queries(staff, model: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert staff.get(reverse(f"admin:runtime_{model}_changelist")).status_code == 200
    return len(queries)


def test_the_lists_read_in_a_bounded_number_of_queries(
    staff, people, notice, django_assert_max_num_queries
) -> None:
    start_notice(notice, people, "第一件")
    for model in LISTS:
        _queries(staff, model)  # warm: the compiled flow is loaded once per version
    few = {model: _queries(staff, model) for model in LISTS}
    for n in range(5):
        start_notice(notice, people, f"第{n + 2}件")
    assert Task.objects.count() > 12 and TraceEntry.objects.count() > 10
    for model in LISTS:
        with django_assert_max_num_queries(few[model]):
            staff.get(reverse(f"admin:runtime_{model}_changelist"))


def test_processes_filter_by_type_status_initiator_and_department(
    staff, people, demo, notice
) -> None:
    mine = start_notice(notice, people, "黄敏的通知")
    other = start(
        publish_shipped("request"),
        people["chenming"],
        title="陈明的请示",
        data=sample("request"),
    )
    assert {p.pk for p in _listed(staff, "process")} == {mine.pk, other.pk}
    assert [p.pk for p in _listed(staff, "process", document_type="notice")] == [mine.pk]
    assert _listed(staff, "process", status__exact="DONE") == []
    by_initiator = _listed(staff, "process", initiator__id__exact=people["chenming"].pk)
    assert [p.pk for p in by_initiator] == [other.pk]
    huangmin_post = people["huangmin"].positions.get(is_primary=True).department
    found = {p.pk for p in _listed(staff, "process", department=huangmin_post.pk)}
    assert mine.pk in found
    root = huangmin_post.path.strip("/").split("/")[0]  # the county: everyone's below it
    assert {p.pk for p in _listed(staff, "process", department=root)} == {mine.pk, other.pk}
    assert _listed(staff, "process", q="黄敏的") == [Process.objects.get(pk=mine.pk)]


def test_tasks_and_trace_filter_by_person_and_status(staff, people, notice) -> None:
    process = start_notice(notice, people, "一件通知")
    open_rows = _listed(staff, "task", status__exact="ASSIGNED")
    assert open_rows and all(t.process_id == process.pk for t in open_rows)
    huangmin = people["huangmin"]
    assert {t.node_id for t in _listed(staff, "task", owner__id__exact=huangmin.pk)} == {"draft"}
    approvals = _listed(staff, "traceentry", action="gongwen.task.approve")
    assert [e.node_id for e in approvals] == ["section_review"]
    assert {e.actor_id for e in _listed(staff, "traceentry", actor__id__exact=huangmin.pk)} == {
        huangmin.pk
    }


def test_headings_and_status_filter_are_in_chinese(staff, people, notice) -> None:
    start_notice(notice, people, "一件通知")
    index = staff.get(reverse("admin:index")).content.decode()
    for words in ("后台任务", "流程运行", "流程实例", "流转记录"):
        assert words in index
    for english in ("Tasks Database Backend", "Workflow", "Process list", "Task Results"):
        assert english not in index
    tasks = staff.get(reverse("admin:runtime_task_changelist")).content.decode()
    for status in ("已分配", "已完成", "已取消", "新建"):
        assert status in tasks
    for english in (">Assigned<", ">Done<", ">Canceled<", ">New<"):
        assert english not in tasks
    jobs = staff.get(reverse("admin:django_tasks_database_dbtaskresult_changelist"))
    assert jobs.status_code == 200 and "后台任务" in jobs.content.decode()

"""Service nodes call a registered hook on the worker, retry with backoff, fail visibly."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gongwen.runtime.actions import Approve, Jump, RetryService
from gongwen.runtime.exceptions import Conflict, NotPermitted
from gongwen.runtime.models import Task, TraceEntry
from gongwen.runtime.services import service_handlers
from gongwen.runtime.services.running import attempt, failed_steps, run_service_step
from tests.runtime.helpers import open_at, positions, snapshot, start
from tests.runtime.specs import chain, node


@pytest.fixture
def hook():
    """Register ``test.hook`` whose behaviour a test sets; unregister afterwards."""
    calls = []
    behaviour = {"fail": 0}

    def handler(call):
        calls.append(call)
        if behaviour["fail"] > 0:
            behaviour["fail"] -= 1
            raise RuntimeError("remote system down")
        return {"ticket": f"T-{call.process_id}"}

    service_handlers.register("test.hook", handler)
    yield calls, behaviour
    service_handlers.unregister("test.hook")


def _spec(**params):
    return chain(
        "service",
        node("section", "approve", {"rule": "department_head", "of": "initiator"}),
        node("call", "service", params={"service": "test.hook", **params}),
        node("office", "approve", {"rule": "user", "username": "wujing"}),
    )


def _reach_service(people, capture, **params):
    process = start(_spec(**params), people["huangmin"], data={"amount": 3})
    with capture(execute=True):
        Approve(open_at(process, "section")[0], people["yangfan"]).execute()
    return process, Task.objects.get(process=process, node_id="call")


def _queued(task_id):
    return DBTaskResult.objects.filter(
        task_path=run_service_step.module_path, args_kwargs__args=[task_id]
    ).order_by("run_after")


def test_reaching_a_service_step_queues_it_and_a_success_moves_the_flow_on(
    people, hook, django_capture_on_commit_callbacks
) -> None:
    calls, _ = hook
    process, task = _reach_service(people, django_capture_on_commit_callbacks)
    assert task.status == "NEW"
    assert positions(process) == []
    assert _queued(task.pk).count() == 1

    assert attempt(task.pk) == "done"

    task.refresh_from_db()
    assert (task.status, task.data["result"]) == ("DONE", {"ticket": f"T-{process.pk}"})
    assert calls[0].data == {"amount": 3} and calls[0].attempt == 1
    assert positions(process) == [("office", "wujing")]
    assert attempt(task.pk) == "skip"  # a duplicate job does nothing
    assert len(calls) == 1


def test_a_failed_attempt_is_retried_later_with_exponential_backoff(
    people, hook, django_capture_on_commit_callbacks
) -> None:
    _, behaviour = hook
    behaviour["fail"] = 2
    _, task = _reach_service(people, django_capture_on_commit_callbacks, backoff_seconds=10)
    started = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert attempt(task.pk) == "retry"
    with django_capture_on_commit_callbacks(execute=True):
        assert attempt(task.pk) == "retry"
    first_retry, second_retry = list(_queued(task.pk))[1:]
    assert started + timedelta(seconds=9) < first_retry.run_after < started + timedelta(seconds=15)
    assert second_retry.run_after - first_retry.run_after > timedelta(seconds=9)
    assert attempt(task.pk) == "done"
    retries = TraceEntry.objects.filter(task=task, action="gongwen.node.service_retry")
    assert [e.payload["attempt"] for e in retries.order_by("pk")] == [1, 2]


def test_after_the_last_attempt_the_step_is_in_error_and_an_admin_retries_it(
    people, hook, django_user_model, django_capture_on_commit_callbacks
) -> None:
    _, behaviour = hook
    behaviour["fail"] = 2
    process, task = _reach_service(people, django_capture_on_commit_callbacks, max_attempts=2)
    assert attempt(task.pk) == "retry"
    assert attempt(task.pk) == "failed"
    task.refresh_from_db()
    assert task.status == "ERROR"
    assert "remote system down" in task.data["error"]
    assert [t.pk for t in failed_steps()] == [task.pk]
    assert TraceEntry.objects.filter(task=task, action="gongwen.node.service_failed").exists()

    admin = django_user_model.objects.create_superuser("root", password="x")
    before = snapshot()
    with pytest.raises(NotPermitted):
        RetryService(task, people["huangmin"]).execute()
    assert snapshot() == before
    with django_capture_on_commit_callbacks(execute=True):
        RetryService(task, admin).execute()
    task.refresh_from_db()
    assert task.status == "NEW"
    assert attempt(task.pk) == "done"
    assert positions(process) == [("office", "wujing")]
    with pytest.raises(Conflict):
        RetryService(task, admin).execute()


def test_an_unregistered_handler_fails_the_step_visibly(
    people, django_capture_on_commit_callbacks
) -> None:
    _, task = _reach_service(people, django_capture_on_commit_callbacks, max_attempts=1)
    assert attempt(task.pk) == "failed"
    task.refresh_from_db()
    assert task.status == "ERROR"
    assert "No service handler" in task.data["error"]


def test_a_hooks_writes_are_rolled_back_when_it_fails(
    people, django_capture_on_commit_callbacks
) -> None:
    def writes_then_fails(call):
        TraceEntry.objects.create(process_id=call.process_id, action="test.side_effect")
        raise ValueError("boom")

    service_handlers.register("test.writes", writes_then_fails)
    try:
        process = start(
            chain(
                "service-rollback",
                node("call", "service", params={"service": "test.writes", "max_attempts": 1}),
            ),
            people["huangmin"],
        )
        task = Task.objects.get(process=process, node_id="call")
        assert attempt(task.pk) == "failed"
    finally:
        service_handlers.unregister("test.writes")
    assert not TraceEntry.objects.filter(action="test.side_effect").exists()


def test_an_admin_jump_moves_a_process_out_of_the_error_state(
    people, hook, django_user_model, django_capture_on_commit_callbacks
) -> None:
    _, behaviour = hook
    behaviour["fail"] = 1
    process, task = _reach_service(people, django_capture_on_commit_callbacks, max_attempts=1)
    assert attempt(task.pk) == "failed"
    admin = django_user_model.objects.create_superuser("root", password="x")
    Jump(process, admin, target="office").execute()
    task.refresh_from_db()
    assert task.status == "CANCELED"
    assert positions(process) == [("office", "wujing")]
    assert attempt(task.pk) == "skip"


def test_handler_names_are_checked_when_registered() -> None:
    with pytest.raises(ValueError):
        service_handlers.register("Bad Name", lambda call: None)
    service_handlers.register("test.once", lambda call: None)
    try:
        with pytest.raises(ValueError):
            service_handlers.register("test.once", lambda call: None)
    finally:
        service_handlers.unregister("test.once")


@pytest.mark.django_db(transaction=True)
def test_the_real_db_worker_runs_the_step_and_leaves_a_backed_off_retry_waiting(demo) -> None:
    from io import StringIO

    from django.core.management import call_command

    outcomes = iter([RuntimeError("down"), None])

    def flaky(call):
        failure = next(outcomes)
        if failure is not None:
            raise failure
        return {"ok": True}

    service_handlers.register("test.flaky", flaky)
    try:
        spec = chain(
            "service-worker",
            node("call", "service", params={"service": "test.flaky", "backoff_seconds": 3600}),
            node("office", "approve", {"rule": "user", "username": "wujing"}),
        )
        process = start(spec, demo["users"]["huangmin"])
        task = Task.objects.get(process=process, node_id="call")
        call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO())
        task.refresh_from_db()
        assert (task.status, task.data["attempts"]) == ("NEW", 1)
        waiting = _queued(task.pk).filter(status="READY").get()
        assert waiting.run_after > timezone.now() + timedelta(minutes=59)

        DBTaskResult.objects.filter(pk=waiting.pk).update(run_after=timezone.now())
        call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO())
        task.refresh_from_db()
        assert task.status == "DONE"
        assert positions(process) == [("office", "wujing")]
    finally:
        service_handlers.unregister("test.flaky")

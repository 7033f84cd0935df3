"""Run service steps on the worker: one attempt per job, exponential backoff, error state.

An attempt locks the process, re-reads the task and does nothing unless it is still waiting
(``NEW``), so a duplicate job or a step cancelled meanwhile (jump, terminate) is harmless.
The hook runs in a savepoint: on an exception its writes are rolled back, the attempt is
counted and, below ``max_attempts``, the next one is enqueued ``backoff_seconds × 2^(n-1)``
later (``run_after``, supported by the ``django_tasks_db`` backend); the last failure puts the
task in status ``ERROR`` and writes ``gongwen.node.service_failed`` to the trace and audit log.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from gongwen.definitions.catalog import SERVICE_PARAM
from gongwen.runtime.actions.base import ActionResult, announce
from gongwen.runtime.engine.operations import lock_process_of_task, noting_new_tasks
from gongwen.runtime.engine.service import ServiceActivation, ServiceNode
from gongwen.runtime.events import record
from gongwen.runtime.models import Task
from gongwen.runtime.services.registry import ServiceCall, service_handlers

log = logging.getLogger(__name__)

DEFAULT_ATTEMPTS = 3
MAX_ATTEMPTS = 10
DEFAULT_BACKOFF_SECONDS = 60
MAX_ERROR_LENGTH = 500


def enqueue_attempt(task_id: int, delay_seconds: float) -> None:
    """Enqueue :func:`run_service_step` for ``task_id`` to run ``delay_seconds`` from now."""
    when = timezone.now() + timedelta(seconds=delay_seconds)
    run_service_step.using(run_after=when).enqueue(task_id)


@task()
def run_service_step(task_id: int) -> str:
    """Worker job: make one attempt at service task ``task_id``; return what happened."""
    return attempt(task_id)


def settings_of(params: Any) -> tuple[str, int, float]:
    """Return ``(handler name, max attempts, backoff seconds)`` from a node's params."""
    name = str(params.get(SERVICE_PARAM, ""))
    attempts = params.get("max_attempts", DEFAULT_ATTEMPTS)
    backoff = params.get("backoff_seconds", DEFAULT_BACKOFF_SECONDS)
    if not isinstance(attempts, int) or not 1 <= attempts <= MAX_ATTEMPTS:
        attempts = DEFAULT_ATTEMPTS
    if not isinstance(backoff, int | float) or backoff < 0:
        backoff = DEFAULT_BACKOFF_SECONDS
    return name, attempts, float(backoff)


def attempt(task_id: int) -> str:
    """Make one attempt in one transaction; return ``done``, ``retry``, ``failed`` or ``skip``."""
    with transaction.atomic():
        if lock_process_of_task(task_id) is None:
            return "skip"
        task = Task.objects.select_related("process").get(pk=task_id)
        if task.status != "NEW" or not isinstance(task.flow_task, ServiceNode):
            return "skip"
        name, max_attempts, backoff = settings_of(task.flow_task.spec.params)
        number = int(task.data.get("attempts", 0)) + 1
        try:
            result = _call(task, name, number)
        except Exception as error:
            log.warning("service step %s attempt %s failed: %s", task_id, number, error)
            return _failed(task, number, max_attempts, backoff, error)
        with noting_new_tasks() as new_tasks:
            ServiceActivation(task).succeed(result)
            opened = [t.pk for t in new_tasks.still_open()]
        record(
            "gongwen.node.service_done",
            process=task.process,
            task=task,
            payload={"handler": name, "attempt": number},
        )
        # The flow went on in the worker: tell whoever it reached, as an action would.
        done = ActionResult(task.process_id, opened, "done")
        announce(ServiceNode, done, "gongwen.node.service_done")
        return "done"


def _call(task: Task, name: str, number: int) -> dict | None:
    handler = service_handlers.get(name)
    if handler is None:
        raise LookupError(f"No service handler {name!r} is registered.")
    call = ServiceCall(
        process_id=task.process_id,
        task_id=task.pk,
        node_id=task.node_id,
        params=dict(task.flow_task.spec.params),
        data=dict(task.process.data),
        attempt=number,
    )
    with transaction.atomic():
        result = handler(call)
    if result is not None and not isinstance(result, dict):
        raise TypeError("A service handler must return a dict or None.")
    return result


def _failed(task: Task, number: int, max_attempts: int, backoff: float, error: Exception) -> str:
    message = f"{type(error).__name__}: {error}"[:MAX_ERROR_LENGTH]
    facts = {"attempt": number, "error": message}
    if number >= max_attempts:
        ServiceActivation(task).fail(message)
        record("gongwen.node.service_failed", process=task.process, task=task, payload=facts)
        return "failed"
    task.data = {**task.data, "attempts": number, "error": message}
    task.save(update_fields=["data"])
    delay = backoff * 2 ** (number - 1)
    from gongwen.runtime.engine.service import schedule_attempt

    schedule_attempt(task.pk, delay_seconds=delay)
    record("gongwen.node.service_retry", process=task.process, task=task, payload=facts)
    return "retry"


def failed_steps() -> Any:
    """Return the service steps in the error state, oldest first (for administrators)."""
    return Task.objects.filter(status="ERROR").select_related("process").order_by("pk")

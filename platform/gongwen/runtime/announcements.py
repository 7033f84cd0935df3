"""Tell people what an action did: a new 待办 to whoever holds it, a 催办 to the urged.

An action that opened tasks calls :func:`enqueue` inside its own transaction: one background
task (Django's tasks API; the database backend, run by ``manage.py db_worker``) is inserted as
a row of the action's transaction — the outbox. It commits with the action or not at all, so a
rolled-back action announces nothing and the action has one disk flush (its COMMIT), not a
second one for an enqueue after it. The worker claims each row once (``SELECT … FOR UPDATE
SKIP LOCKED``) and writes the notifications (in-app, with an e-mail copy): delivering them is
not part of an action's cost, and a failing channel can never undo an action (ADR 0003).

Who is told (:func:`holders`): the task's assignee and, while a 委托 is in effect, their
delegate; for an unclaimed 认领 task, everyone who may claim it.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from gongwen.notifications.services import notify
from gongwen.runtime.engine.operations import is_human
from gongwen.runtime.models import OPEN_STATUSES, Task, TraceEntry
from gongwen.runtime.pool import pool_of

log = logging.getLogger(__name__)

URGE = "gongwen.task.urge"
#: Notification kinds.
ASSIGNED = "task.assigned"
URGED = "task.urged"


def holders(task: Task) -> list[Any]:
    """Return who holds ``task`` now: its assignee (and their delegate), or its pool."""
    from gongwen.org.queries import delegate_for

    if task.owner is None:  # an unclaimed 认领 task: everyone who may claim it
        pool = pool_of(task)
        return list(pool.members()) if pool is not None else []
    delegate = delegate_for(task.owner, scope=task.process.definition_key)
    return [task.owner, delegate] if delegate is not None else [task.owner]


def enqueue(action: str, task_ids: list[int]) -> None:
    """Queue the announcement of ``task_ids`` in the caller's transaction (the outbox row).

    Call it inside the action's transaction: the row becomes visible to the worker when the
    action commits and vanishes with it on rollback. A failure to insert fails the action
    (the same database would refuse its COMMIT too).
    """
    if task_ids:
        announce.enqueue(action, list(task_ids))


@task()
def announce(action: str, task_ids: list[int]) -> int:
    """Background task: notify the holders of the still-open ``task_ids``; return how many."""
    return deliver(action, task_ids)


def deliver(action: str, task_ids: list[int]) -> int:
    """Notify the holders of the still-open tasks ``task_ids`` about ``action``.

    Tasks that were dealt with in the meantime are passed over. Messages are in the site's
    language (``LANGUAGE_CODE``, zh-Hans by default). Returns the number of notifications.
    """
    tasks = (
        Task.objects.filter(pk__in=task_ids, status__in=OPEN_STATUSES)
        .select_related("process", "owner")
        .order_by("pk")
    )
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for open_task in tasks:
            if not is_human(open_task):  # a waiting join or subflow step: nobody to tell
                continue
            try:
                kind, message = _message(action, open_task)
                people = holders(open_task)
                sent += len(
                    notify(
                        people, kind, message, process_id=open_task.process_id, task_id=open_task.pk
                    )
                )
            except Exception:  # one task's trouble must not keep the others' people untold
                log.exception("could not announce task %s", open_task.pk)
    return sent


def _message(action: str, open_task: Task) -> tuple[str, str]:
    title = open_task.process.title or open_task.process.definition_key
    if action != URGE:
        text = _("New task: “%(title)s” waits for you at “%(step)s”.")
        return ASSIGNED, text % {"title": title, "step": _step_name(open_task)}
    urge = (
        TraceEntry.objects.filter(task=open_task, action=URGE)
        .select_related("actor")
        .order_by("-id")
        .first()
    )
    who = _name(urge.actor) if urge is not None and urge.actor else _("The initiator")
    text = _("%(name)s urges you to deal with “%(title)s”.") % {"name": who, "title": title}
    if urge is not None and urge.opinion:
        text = f"{text} {urge.opinion}"
    return URGED, text


def _step_name(open_task: Task) -> str:
    names = open_task.flow_task.spec.name
    language = "en" if (translation.get_language() or "").startswith("en") else "zh-Hans"
    return names.get(language) or names.get("zh-Hans") or open_task.node_id


def _name(user: Any) -> str:
    return getattr(user, "display_name", "") or user.get_username()

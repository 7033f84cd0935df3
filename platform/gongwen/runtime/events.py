"""Record what happened: a trace row for the process and an audit event, in one transaction.

Every state change of a process goes through :func:`record`, so the trace is complete and the
audit log has the same events (contract 9). Callers are inside the action's transaction. Both
say from where: the client address and user agent of the request being served, if any.
"""

from __future__ import annotations

from typing import Any

from gongwen.runtime.models import Process, Task, TraceEntry


def record(
    action: str,
    *,
    process: Process,
    task: Task | None = None,
    node_id: str = "",
    actor: Any = None,
    on_behalf_of: Any = None,
    opinion: str = "",
    payload: dict[str, Any] | None = None,
) -> TraceEntry:
    """Write a trace row and the matching audit event; return the trace row.

    Args:
        action: dotted name, e.g. ``gongwen.task.approve``.
        process: the process it happened to.
        task: the task acted on, if any.
        node_id: the node, if no task is given.
        actor: who acted (``None``: the engine itself).
        on_behalf_of: whom the actor stood in for (委托).
        opinion: the opinion text saved with the action.
        payload: small JSON facts (targets, reasons).
    """
    facts = dict(payload or {})
    remote_addr, user_agent = _origin()
    entry = TraceEntry.objects.create(
        process=process,
        task=task,
        node_id=node_id or (task.node_id if task else ""),
        action=action,
        actor=actor,
        on_behalf_of=on_behalf_of,
        opinion=opinion,
        payload=facts,
        remote_addr=remote_addr,
        user_agent=user_agent,
    )
    audit_payload = {"process": process.pk, "node": entry.node_id, **facts}
    if task is not None:
        audit_payload["task"] = task.pk
    if opinion:
        audit_payload["opinion"] = opinion
    audit_record = _audit_recorder()
    audit_record(
        action,
        actor=actor,
        target=("runtime.process", process.pk),
        payload=audit_payload,
        on_behalf_of=on_behalf_of,
    )
    return entry


def _origin() -> tuple[str, str]:
    """Return the request being served's address and user agent (see gongwen.audit.requests)."""
    from gongwen.audit.requests import current_origin

    return current_origin()


def _audit_recorder() -> Any:
    """Return ``gongwen.audit.record``: the one place the runtime reaches the audit package."""
    from gongwen.audit import record

    return record

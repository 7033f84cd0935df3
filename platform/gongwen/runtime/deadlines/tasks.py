"""The background task the worker runs: one deadline sweep, then the next one scheduled."""

from __future__ import annotations

from django_tasks import task

from gongwen.runtime.deadlines.firing import fire_due


@task()
def fire_due_deadlines(reschedule: bool = False) -> dict[str, int]:
    """Fire the due deadlines; with ``reschedule``, enqueue the next sweep (a periodic chain).

    Run by ``manage.py db_worker``. The chain starts when the first deadline is created (or
    with ``manage.py fire_deadlines --schedule``) and keeps one sweep waiting at a time.
    """
    report = fire_due()
    if reschedule:
        from gongwen.runtime.deadlines.scheduling import ensure_sweep_scheduled

        ensure_sweep_scheduled()
    return dict(report)

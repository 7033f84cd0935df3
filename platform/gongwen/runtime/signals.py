"""Signals the runtime sends after a transaction commits (notifications listen here)."""

from django.dispatch import Signal

#: Sent on commit after an action changed a process: ``sender`` is the action class,
#: with ``process_id``, ``action`` (dotted name) and ``opened_task_ids`` (new 待办).
process_changed = Signal()

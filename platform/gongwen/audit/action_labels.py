"""Audit action codes in words: one translatable label per dotted action code.

The codes (``gongwen.task.approve``) are stable identifiers (contract 9); people read the word
beside them. :func:`describe` gives both — "通过 (gongwen.task.approve)" in zh-Hans — for the
audit list and filter and the process timeline. The trace rows of the runtime use the same codes.

Gongwen's own codes are listed here, so one table names them all; a plugin that records its own
adds them with :func:`register` at start-up. A code without a label is shown bare: the test
``tests/audit/test_action_labels__every_recorded_code.py`` fails for any code the source records
without one.
"""

from __future__ import annotations

import re

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from gongwen.audit.models import ACTION_PATTERN

#: The message context of every label, so "Approve" here never collides with a button's text.
CONTEXT = "audit action"

_ACTION = re.compile(ACTION_PATTERN)

_labels: dict[str, Promise | str] = {
    # A process as a whole.
    "gongwen.process.start": pgettext_lazy("audit action", "Start"),
    "gongwen.process.save_draft": pgettext_lazy("audit action", "Save draft"),
    "gongwen.process.start_draft": pgettext_lazy("audit action", "Start from a draft"),
    "gongwen.process.complete": pgettext_lazy("audit action", "Complete"),
    "gongwen.process.reject": pgettext_lazy("audit action", "Reject (process ends)"),
    "gongwen.process.terminate": pgettext_lazy("audit action", "Terminate"),
    "gongwen.process.secrecy": pgettext_lazy("audit action", "Change 密级"),
    "gongwen.process.read": pgettext_lazy("audit action", "Read a classified process"),
    # A 公文.
    "gongwen.document.read": pgettext_lazy("audit action", "Read a classified document"),
    "gongwen.document.start": pgettext_lazy("audit action", "Draft a document"),
    "gongwen.document.take_back": pgettext_lazy("audit action", "Take the document back"),
    "gongwen.document.edit": pgettext_lazy("audit action", "Edit the document"),
    "gongwen.document.submit": pgettext_lazy("audit action", "Submit the document"),
    "gongwen.document.sign": pgettext_lazy("audit action", "Sign the document"),
    "gongwen.document.register": pgettext_lazy("audit action", "Register the document"),
    "gongwen.document.number": pgettext_lazy("audit action", "Number the document"),
    "gongwen.document.seal": pgettext_lazy("audit action", "Seal the document"),
    "gongwen.document.dispatch": pgettext_lazy("audit action", "Dispatch the document"),
    "gongwen.document.archive": pgettext_lazy("audit action", "Archive the document"),
    # 发文字号.
    "gongwen.number.reserve": pgettext_lazy("audit action", "Reserve a number"),
    "gongwen.number.void": pgettext_lazy("audit action", "Void a number"),
    # What a person does with a task.
    "gongwen.task.approve": pgettext_lazy("audit action", "Approve"),
    "gongwen.task.reject": pgettext_lazy("audit action", "Reject"),
    "gongwen.task.return": pgettext_lazy("audit action", "Return"),
    "gongwen.task.withdraw": pgettext_lazy("audit action", "Withdraw"),
    "gongwen.task.transfer": pgettext_lazy("audit action", "Transfer"),
    "gongwen.task.add_signer": pgettext_lazy("audit action", "Add signer"),
    "gongwen.task.delegate": pgettext_lazy("audit action", "Delegate"),
    "gongwen.task.urge": pgettext_lazy("audit action", "Urge"),
    "gongwen.task.claim": pgettext_lazy("audit action", "Claim"),
    "gongwen.task.unclaim": pgettext_lazy("audit action", "Put back in the pool"),
    # What the system does for a person.
    "gongwen.task.auto_approve": pgettext_lazy("audit action", "Approve automatically"),
    "gongwen.task.auto_return": pgettext_lazy("audit action", "Return automatically"),
    "gongwen.opinion.save": pgettext_lazy("audit action", "Save opinion"),
    "gongwen.reading.mark_read": pgettext_lazy("audit action", "Mark as read"),
    "gongwen.phrase.add": pgettext_lazy("audit action", "Add a common phrase"),
    "gongwen.phrase.remove": pgettext_lazy("audit action", "Remove a common phrase"),
    "gongwen.phrase.reorder": pgettext_lazy("audit action", "Reorder common phrases"),
    # 委托 over a period.
    "gongwen.delegation.create": pgettext_lazy("audit action", "Create delegation"),
    "gongwen.delegation.revoke": pgettext_lazy("audit action", "Revoke delegation"),
    "gongwen.delegation.give_back": pgettext_lazy("audit action", "Give a delegated task back"),
    # An administrator's interventions.
    "gongwen.admin.jump": pgettext_lazy("audit action", "Jump"),
    "gongwen.admin.reassign": pgettext_lazy("audit action", "Reassign"),
    "gongwen.admin.retry": pgettext_lazy("audit action", "Retry"),
    # Steps the engine runs.
    "gongwen.node.run": pgettext_lazy("audit action", "Run step"),
    "gongwen.node.pass_through": pgettext_lazy("audit action", "Pass through step"),
    "gongwen.node.skip": pgettext_lazy("audit action", "Skip step"),
    "gongwen.node.not_cleared": pgettext_lazy("audit action", "Passed over: not cleared"),
    "gongwen.node.cc": pgettext_lazy("audit action", "Copy to readers"),
    "gongwen.node.service_done": pgettext_lazy("audit action", "Service call done"),
    "gongwen.node.service_retry": pgettext_lazy("audit action", "Service call retried"),
    "gongwen.node.service_failed": pgettext_lazy("audit action", "Service call failed"),
    "gongwen.subflow.start": pgettext_lazy("audit action", "Start subflow"),
    "gongwen.subflow.end": pgettext_lazy("audit action", "Subflow ended"),
    "gongwen.subflow.failed": pgettext_lazy("audit action", "Subflow failed"),
    # Deadlines.
    "gongwen.deadline.remind": pgettext_lazy("audit action", "Deadline reminder"),
    "gongwen.deadline.expire": pgettext_lazy("audit action", "Deadline passed"),
    "gongwen.deadline.escalation_failed": pgettext_lazy("audit action", "Escalation failed"),
    # Definitions.
    "gongwen.definition.save_draft": pgettext_lazy("audit action", "Save definition draft"),
    "gongwen.definition.import": pgettext_lazy("audit action", "Import definition"),
    "gongwen.definition.publish": pgettext_lazy("audit action", "Publish definition"),
    "gongwen.definition.retire": pgettext_lazy("audit action", "Retire definition"),
}


def register(action: str, label: Promise | str) -> None:
    """Name the action code ``action`` (a plugin's own code) with ``label``.

    Raises:
        ValueError: the code is not a dotted lower-case name, or already has a label.
    """
    if not _ACTION.match(action):
        raise ValueError(f"not a dotted action name: {action!r}")
    if action in _labels:
        raise ValueError(f"action {action!r} already has a label")
    _labels[action] = label


def unregister(action: str) -> None:
    """Forget the label of ``action`` (for tests and plugins that unload)."""
    _labels.pop(action, None)


def known_actions() -> frozenset[str]:
    """Return every action code that has a label."""
    return frozenset(_labels)


def label_of(action: str) -> str:
    """Return the word for ``action`` in the active language, or the code if it has none."""
    label = _labels.get(action)
    return str(label) if label is not None else action


def describe(action: str) -> str:
    """Return the word with the code beside it, e.g. "通过 (gongwen.task.approve)"."""
    label = _labels.get(action)
    return f"{label} ({action})" if label is not None else action

"""Errors raised by the audit trail: every one is a :class:`~gongwen.errors.GongwenError`."""

from __future__ import annotations

from gongwen.errors import Forbidden, GongwenError, InvalidRequest


class AuditError(GongwenError):
    """Base class of every audit-trail error."""

    code = "audit.error"


class AppendOnlyError(AuditError, Forbidden):
    """An attempt to change or remove an audit event (they are append-only)."""

    code = "audit.append_only"


class InvalidAuditEvent(AuditError, InvalidRequest, ValueError):
    """An event that cannot be recorded: bad action name, target or payload."""

    code = "audit.invalid_event"

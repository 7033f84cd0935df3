"""Errors raised by the audit trail."""

from __future__ import annotations


class AuditError(Exception):
    """Base class of every audit-trail error."""


class AppendOnlyError(AuditError):
    """An attempt to change or remove an audit event (they are append-only)."""


class InvalidAuditEvent(AuditError, ValueError):
    """An event that cannot be recorded: bad action name, target or payload."""

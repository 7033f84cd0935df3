"""Turn what callers pass as a target (nothing, a pair, a model instance) into two strings."""

from __future__ import annotations

import re
from typing import Any

from django.db import models

from gongwen.audit.exceptions import InvalidAuditEvent

TYPE_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
MAX_TYPE_LENGTH = 100
MAX_ID_LENGTH = 64

Target = models.Model | tuple[str, Any] | None


def target_key(target: Target) -> tuple[str, str]:
    """Return ``(target_type, target_id)``; ``("", "")`` for no target.

    A model instance becomes ``(app_label.model_name, str(pk))``; a pair ``(type, id)`` is
    taken as given (type like ``documents.document``, id any str or int).

    Raises:
        InvalidAuditEvent: an unsaved instance, a malformed pair or an over-long part.
    """
    if target is None:
        return "", ""
    if isinstance(target, models.Model):
        if target.pk is None:
            raise InvalidAuditEvent(f"cannot audit an unsaved {target._meta.label}")
        return target._meta.label_lower, str(target.pk)
    if isinstance(target, tuple) and len(target) == 2:
        return _checked_pair(*target)
    raise InvalidAuditEvent(
        f"audit target must be None, (type, id) or a model instance, not {target!r}"
    )


def _checked_pair(target_type: Any, target_id: Any) -> tuple[str, str]:
    if not isinstance(target_type, str) or not TYPE_PATTERN.fullmatch(target_type):
        raise InvalidAuditEvent(
            f"audit target type {target_type!r} must be a dotted lower-case name "
            "such as documents.document"
        )
    if isinstance(target_id, bool) or not isinstance(target_id, str | int):
        raise InvalidAuditEvent(f"audit target id {target_id!r} must be a str or an int")
    target_id = str(target_id)
    if not target_id or len(target_id) > MAX_ID_LENGTH or "\x00" in target_id:
        raise InvalidAuditEvent(f"audit target id must be 1–{MAX_ID_LENGTH} characters")
    if len(target_type) > MAX_TYPE_LENGTH:
        raise InvalidAuditEvent(f"audit target type is longer than {MAX_TYPE_LENGTH}")
    return target_type, target_id

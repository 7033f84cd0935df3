"""Errors of documents and their files; each message is safe to show to the user.

Every one is a :class:`~gongwen.errors.GongwenError` with a stable ``code`` and its HTTP
``status``.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongwen.errors import Forbidden, GongwenError, InvalidRequest, Missing, StateConflict


class DocumentError(GongwenError):
    """Base class: the operation was refused and nothing was written."""

    code = "document.error"
    message = _("This could not be done to the document.")


class DocumentLocked(DocumentError, StateConflict):
    """The document may not change in its current state (signed onwards, or archived)."""

    code = "document.locked"


class NotAllowed(DocumentError, Forbidden):
    """The person may not do this to the document."""

    code = "document.not_allowed"


class FormatCheckFailed(DocumentError, InvalidRequest):
    """The format check found errors; ``problems`` lists every problem found."""

    code = "document.format_check_failed"

    def __init__(self, message: Any, problems: list) -> None:
        super().__init__(message)
        self.problems = problems


class FileRejected(DocumentError, InvalidRequest):
    """An upload was refused (size, type, content that does not match its name)."""

    code = "document.file_rejected"


class MissingDocument(DocumentError, Missing):
    """A 公文 step ran on a process that carries no document."""

    code = "document.missing"


class InvalidElements(DocumentError, InvalidRequest):
    """A 要素 has a value the document cannot hold (unknown 密级, too long, wrong type)."""

    code = "document.invalid_elements"

"""Errors of documents and their files; each message is safe to show to the user."""

from __future__ import annotations


class DocumentError(Exception):
    """Base class: the operation was refused and nothing was written."""


class DocumentLocked(DocumentError):
    """The document may not change in its current state (signed onwards, or archived)."""


class NotAllowed(DocumentError):
    """The person may not do this to the document."""


class FormatCheckFailed(DocumentError):
    """The format check found errors; ``problems`` lists every problem found."""

    def __init__(self, message: str, problems: list) -> None:
        super().__init__(message)
        self.problems = problems


class FileRejected(DocumentError):
    """An upload was refused (size, type, content that does not match its name)."""


class MissingDocument(DocumentError):
    """A 公文 step ran on a process that carries no document."""


class InvalidElements(DocumentError):
    """A 要素 has a value the document cannot hold (unknown 密级, too long, wrong type)."""

"""Exceptions of ``gongwen.definitions``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gongwen.definitions.problems import Problem


class InvalidDefinition(ValueError):
    """Refuse to compile a definition that ``validate`` found problems in.

    Attributes:
        problems: Every problem ``validate`` found, in document order.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        first = self.problems[0] if self.problems else None
        summary = f"{first.code} at {first.pointer or '/'}" if first else "no details"
        super().__init__(f"Invalid definition: {len(self.problems)} problem(s), first {summary}")


class RegistryError(LookupError):
    """Base class of the registry errors."""


class AlreadyRegistered(RegistryError):
    """Refuse to register a second entry under a name that is taken."""


class NotRegistered(RegistryError, KeyError):
    """Report a lookup of a name nobody registered."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "not registered"


class LookupUnavailable(RegistryError):
    """Report that a lookup cannot answer at all (no database, or its tables are missing).

    Raised by :mod:`~gongwen.definitions.registries` when a registered lookup fails with a
    database error, and by lookups themselves when they know they cannot answer. The validator
    turns it into a "not checked" notice instead of an "unknown" problem.
    """

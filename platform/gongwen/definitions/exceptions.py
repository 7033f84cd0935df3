"""Exceptions of ``gongwen.definitions``: every one is a :class:`~gongwen.errors.GongwenError`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from gongwen.errors import GongwenError, InvalidRequest, Missing, StateConflict, Unavailable

if TYPE_CHECKING:
    from gongwen.definitions.problems import Problem


class InvalidDefinition(InvalidRequest, ValueError):
    """Refuse to compile a definition that ``validate`` found problems in.

    The pointer is the first problem's (the API points at it); every problem stays listed.

    Attributes:
        problems: Every problem ``validate`` found, in document order.
    """

    code = "definition.invalid"
    message = _("Invalid definition: %(count)s problem(s), first %(first)s at %(at)s")

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        first = self.problems[0] if self.problems else None
        super().__init__(
            pointer=first.pointer if first else "",
            count=len(self.problems),
            first=first.code if first else "-",
            at=(first.pointer or "/") if first else "/",
        )


class RegistryError(GongwenError, LookupError):
    """Base class of the registry errors."""

    code = "definition.registry"


class AlreadyRegistered(RegistryError, StateConflict):
    """Refuse to register a second entry under a name that is taken."""

    code = "definition.already_registered"


class NotRegistered(RegistryError, Missing, KeyError):
    """Report a lookup of a name nobody registered."""

    code = "definition.not_registered"

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "not registered"


class LookupUnavailable(RegistryError, Unavailable):
    """Report that a lookup cannot answer at all (no database, or its tables are missing).

    Raised by :mod:`~gongwen.definitions.registries` when a registered lookup fails with a
    database error, and by lookups themselves when they know they cannot answer. The validator
    turns it into a "not checked" notice instead of an "unknown" problem.
    """

    code = "definition.lookup_unavailable"

"""Errors of the runtime: each has a stable ``code`` and a translatable message.

Messages are English source text marked for translation (zh-Hans is the default language), so
pages, the API and the admin show the same words for the same failure.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.utils.translation import gettext_lazy as _


class RuntimeErrorBase(Exception):
    """Base of every runtime error: a ``code``, a message template and its parameters."""

    code: ClassVar[str] = "runtime.error"
    message: ClassVar[Any] = _("The workflow engine could not do this.")

    def __init__(self, message: Any = None, **params: Any) -> None:
        self.params = params
        if message is not None:
            self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        return str(self.message) % self.params if self.params else str(self.message)


class ActionError(RuntimeErrorBase):
    """An action was refused; nothing was changed."""

    code = "action.error"
    message = _("This action could not be carried out.")


class Conflict(ActionError):
    """Someone else changed the state first (the task is no longer open, the next person acted)."""

    code = "action.conflict"
    message = _("This task has already been dealt with; reload to see its current state.")


class NotPermitted(ActionError):
    """The actor may not do this (they do not hold the task, nor act for who does)."""

    code = "action.not_permitted"
    message = _("You are not allowed to do this.")


class NotFound(ActionError):
    """The task or process named does not exist."""

    code = "action.not_found"
    message = _("No such task or process.")


class InvalidTarget(ActionError):
    """The node named as a target is not one the definition allows here."""

    code = "action.invalid_target"
    message = _("The step %(target)s cannot be chosen here.")


class InvalidInput(ActionError):
    """The action's input is malformed or incomplete (e.g. a required opinion is missing)."""

    code = "action.invalid_input"
    message = _("The input is not valid.")


class NoAssignee(ActionError):
    """A node's assignee rule found nobody and its policy says that is an error."""

    code = "assignee.empty"
    message = _("Nobody can be found to handle step %(node)s.")


class UnknownAssigneeRule(RuntimeErrorBase):
    """A definition names an assignee rule nobody registered."""

    code = "assignee.unknown_rule"
    message = _("Unknown assignee rule %(rule)s.")


class UnsupportedDefinition(RuntimeErrorBase):
    """The engine cannot run a node of this definition (type not built yet, or bad wiring)."""

    code = "engine.unsupported_node"
    message = _("Step %(node_id)s of type %(node_type)s cannot be run by this engine.")


class DefinitionNotFound(RuntimeErrorBase):
    """No published definition version exists for a flow reference."""

    code = "engine.definition_not_found"
    message = _("No published definition %(key)s version %(version)s.")

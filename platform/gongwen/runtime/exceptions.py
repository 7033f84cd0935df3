"""Errors of the runtime: each is a :class:`~gongwen.errors.GongwenError` with a stable ``code``.

Messages are English source text marked for translation (zh-Hans is the default language), so
pages, the API and the admin show the same words for the same failure; ``status`` is the HTTP
status an API answers with and ``pointer`` the parameter concerned, where one is known.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongwen.errors import (
    Forbidden,
    GongwenError,
    InvalidRequest,
    Missing,
    StateConflict,
    Unavailable,
)


class RuntimeErrorBase(GongwenError):
    """Base of every runtime error: a ``code``, a message template and its parameters."""

    code = "runtime.error"
    message = _("The workflow engine could not do this.")
    status = 400


class ActionError(RuntimeErrorBase):
    """An action was refused; nothing was changed."""

    code = "action.error"
    message = _("This action could not be carried out.")


class Conflict(ActionError, StateConflict):
    """Someone else changed the state first (the task is no longer open, the next person acted)."""

    code = "action.conflict"
    message = _("This task has already been dealt with; reload to see its current state.")
    status = 409


class NotPermitted(ActionError, Forbidden):
    """The actor may not do this (they do not hold the task, nor act for who does)."""

    code = "action.not_permitted"
    message = _("You are not allowed to do this.")
    status = 403


class NotFound(ActionError, Missing):
    """The task or process named does not exist."""

    code = "action.not_found"
    message = _("No such task or process.")
    status = 404


class InvalidTarget(ActionError, InvalidRequest):
    """The node named as a target is not one the definition allows here."""

    code = "action.invalid_target"
    message = _("The step %(target)s cannot be chosen here.")
    status = 400


class InvalidInput(ActionError, InvalidRequest):
    """The action's input is malformed or incomplete (e.g. a required opinion is missing)."""

    code = "action.invalid_input"
    message = _("The input is not valid.")
    status = 400


class NoAssignee(ActionError, StateConflict):
    """A node's assignee rule found nobody and its policy says that is an error.

    A conflict (409): the organisation, not the request, must change before it can go on.
    """

    code = "assignee.empty"
    message = _("Nobody can be found to handle step %(node)s.")
    status = 409


class UnknownAssigneeRule(RuntimeErrorBase, Unavailable):
    """A definition names an assignee rule nobody registered (a plugin went missing)."""

    code = "assignee.unknown_rule"
    message = _("Unknown assignee rule %(rule)s.")
    status = 503


class UnsupportedDefinition(RuntimeErrorBase, Unavailable):
    """The engine cannot run a node of this definition (type not built yet, or bad wiring)."""

    code = "engine.unsupported_node"
    message = _("Step %(node_id)s of type %(node_type)s cannot be run by this engine.")
    status = 503


class DefinitionNotFound(RuntimeErrorBase, Missing):
    """No published definition version exists for a flow reference."""

    code = "engine.definition_not_found"
    message = _("No published definition %(key)s version %(version)s.")
    status = 404


class EngineConflict(RuntimeErrorBase, StateConflict):
    """The workflow engine refused a move the process's state does not allow (viewflow's own
    refusal, translated at the engine seam): nothing was changed."""

    code = "engine.conflict"
    message = _("The process is not in a state that allows this; reload to see where it stands.")
    status = 409

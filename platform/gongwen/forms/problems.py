"""What is wrong with a submission: one :class:`Problem` per field, each with a stable code.

A problem names the value by JSON Pointer (``/title``, ``/items/0/cost``), so a page or the API
can put the message beside the field. Messages are English source text marked for translation
and stay lazy: they render in the language active where they are shown.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

#: Message of every problem code, ``%(name)s`` parameters filled from the problem's params.
MESSAGES: dict[str, Any] = {
    "form.not_an_object": _("The form data must be an object."),
    "form.not_json": _("This value cannot be stored as form data."),
    "form.too_deep": _("The form data nests more than %(limit)s levels deep."),
    "form.too_large": _("The form data is larger than %(limit)s bytes."),
    "form.unstorable_text": _("The text contains a character that cannot be stored."),
    "form.unknown_field": _("The form has no field %(name)s."),
    "form.hidden_field": _("The field %(name)s is not shown at this step and cannot be sent."),
    "form.read_only": _("The field %(name)s cannot be changed at this step."),
    "form.required": _("This field is required."),
    "form.wrong_type": _("This value has the wrong type."),
    "form.too_long": _("This text is too long (at most %(limit)s characters)."),
    "form.too_short": _("This text is too short (at least %(limit)s characters)."),
    "form.below_minimum": _("This value is below the minimum of %(limit)s."),
    "form.above_maximum": _("This value is above the maximum of %(limit)s."),
    "form.not_an_option": _("This is not one of the allowed options."),
    "form.bad_format": _("This value is not in the expected format."),
    "form.duplicate_values": _("The same value is given more than once."),
    "form.too_many": _("Too many items (at most %(limit)s)."),
    "form.too_few": _("Too few items (at least %(limit)s)."),
    "form.invalid_value": _("This value is not valid."),
}


def _render(template: Any, params: dict[str, Any]) -> str:
    return str(template) % params if params else str(template)


_lazy_render = lazy(_render, str)


class Problem(NamedTuple):
    """One thing wrong with a submission: where (JSON Pointer), what (stable code), and why."""

    pointer: str
    code: str
    message: Any  # a lazy string: str() renders it in the active language


def problem(where: str, code: str, **params: Any) -> Problem:
    """Return the problem ``code`` at pointer ``where`` with its message's ``params``."""
    return Problem(where, code, _lazy_render(MESSAGES[code], params))


def pointer(*tokens: str | int) -> str:
    """Return the JSON Pointer (RFC 6901) of ``tokens``: ``("items", 0)`` → ``/items/0``."""
    return "".join("/" + str(t).replace("~", "~0").replace("/", "~1") for t in tokens)

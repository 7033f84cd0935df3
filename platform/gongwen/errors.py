"""The one error type every refusal of Gongwen is: :class:`GongwenError`.

Every layer's errors (runtime actions, documents, definitions, numbering, seals …) subclass it,
so a page, the API, the admin or a management command catches one type and finds the same four
things on every refusal: a stable ``code`` (dotted, never renamed), a translatable ``message``
(zh-Hans by default, English on request), the ``pointer`` of the field or node it concerns
(a JSON Pointer, empty when it concerns the whole request) and the HTTP ``status`` an API
answers with. A bottom-layer module: it imports nothing of Gongwen.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.utils.translation import gettext_lazy as _


class GongwenError(Exception):
    """A refusal: nothing was changed. Subclasses set ``code``, ``message`` and ``status``."""

    code: ClassVar[str] = "error"
    message: Any = _("This could not be done.")
    status: ClassVar[int] = 400

    def __init__(self, message: Any = None, *, pointer: str = "", **params: Any) -> None:
        self.params = params
        self.pointer = pointer
        if message is not None:
            self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        text = str(self.message)
        return text % self.params if self.params else text

    def as_dict(self) -> dict[str, str]:
        """Return the error as the API's JSON body: ``code``, ``message``, ``pointer``."""
        return {"code": self.code, "message": str(self), "pointer": self.pointer}


class InvalidRequest(GongwenError):
    """The input is malformed, incomplete or not storable (HTTP 400)."""

    code = "invalid"
    message = _("The input is not valid.")
    status = 400


class Forbidden(GongwenError):
    """The person may not do or see this (HTTP 403)."""

    code = "forbidden"
    message = _("You are not allowed to do this.")
    status = 403


class Missing(GongwenError):
    """What the request names does not exist, or is not visible to the person (HTTP 404)."""

    code = "not_found"
    message = _("Not found.")
    status = 404


class StateConflict(GongwenError):
    """The state changed first or does not allow this now (HTTP 409)."""

    code = "conflict"
    message = _("This can no longer be done; reload to see the current state.")
    status = 409


class Unavailable(GongwenError):
    """A service this needs is not available on this server (HTTP 503)."""

    code = "unavailable"
    message = _("This is not available on this server.")
    status = 503

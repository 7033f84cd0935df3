"""The refusal of a submission: :class:`InvalidSubmission`, one error for every problem found."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext_lazy as _

from gongwen.errors import InvalidRequest
from gongwen.forms.problems import Problem

_ONE = _("The form data is not valid: %(first)s")
_MANY = _("The form data has %(count)s problems; the first: %(first)s")


class InvalidSubmission(InvalidRequest):
    """Form data was refused; ``problems`` lists every problem, ``pointer`` is the first's.

    Nothing was stored. The message names how many problems there are and says the first; a
    page shows each problem's message beside its field (``problems``).
    """

    code = "form.invalid"
    message = _("The form data is not valid.")

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        first = self.problems[0]
        count = len(self.problems)
        template = _ONE if count == 1 else _MANY
        super().__init__(template, pointer=first.pointer, count=count, first=first.message)

    def as_dict(self) -> dict:
        """Return the API's JSON body with every problem under ``problems``."""
        body: dict = super().as_dict()
        body["problems"] = [
            {"pointer": p.pointer, "code": p.code, "message": str(p.message)} for p in self.problems
        ]
        return body

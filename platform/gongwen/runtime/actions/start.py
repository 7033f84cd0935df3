"""起草提交: start a process of a published definition version."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _

from gongwen.definitions.specs import FlowSpec
from gongwen.kernel.actions import Action, register
from gongwen.kernel.text import check_text
from gongwen.runtime.actions.base import ActionResult, announce, chosen_param, is_person
from gongwen.runtime.actions.form_data import clean_start_data
from gongwen.runtime.engine.operations import noting_new_tasks, start_process
from gongwen.runtime.exceptions import InvalidInput, NotPermitted

#: 紧急程度 values the runtime knows (empty: not urgent).
URGENCIES = frozenset({"", "特提", "特急", "加急", "平急", "平件"})
MAX_TITLE_LENGTH = 200


def check_title(title: Any) -> None:
    """Raise :class:`InvalidInput` (at ``/title``) unless ``title`` is storable text."""
    check_text(
        title,
        "/title",
        MAX_TITLE_LENGTH,
        error=InvalidInput,
        too_long=_("The title is too long."),
    )


def check_urgency(urgency: Any) -> None:
    """Raise :class:`InvalidInput` (at ``/urgency``) unless ``urgency`` is one of URGENCIES."""
    if not isinstance(urgency, str) or urgency not in URGENCIES:
        raise InvalidInput(_("Unknown urgency."), pointer="/urgency")


@register
class StartProcess(Action):
    """Start ``spec`` for ``initiator`` with form ``data``.

    ``chosen`` maps node ids to usernames for ``initiator_chosen`` rules.
    """

    code = "start"
    audit_action = "gongwen.process.start"

    def __init__(
        self,
        spec: FlowSpec,
        initiator: Any,
        *,
        data: dict | None = None,
        title: str = "",
        urgency: str = "",
        chosen: dict | None = None,
        on_started: Callable[[Any], None] | None = None,
    ) -> None:
        self.spec = spec
        self.initiator = initiator
        self.data = data if data is not None else {}
        self.title = title
        self.urgency = urgency
        self.chosen = chosen if chosen is not None else {}
        # Called with the new process before its first step opens (the 公文 is created there).
        self.on_started = on_started
        self.cleaned_data: dict = {}  # ``data`` as checked, computed fields filled in

    def check(self) -> None:
        """Raise an :class:`ActionError` if the process cannot be started as given."""
        if not is_person(self.initiator):
            raise NotPermitted()
        if not isinstance(self.spec, FlowSpec):
            raise InvalidInput(_("Unknown document type."), pointer="/spec")
        if not isinstance(self.data, dict):
            raise InvalidInput(_("The form data must be an object."), pointer="/data")
        check_title(self.title)
        check_urgency(self.urgency)
        self.chosen = chosen_param(self.chosen)
        # Last: the form's checks are the costliest, and name every problem of the data.
        self.cleaned_data = clean_start_data(
            self.spec, self.data, urgency=self.urgency, title=self.title
        )

    def run(self) -> ActionResult:
        """Create the process and run it to its first waiting step (inside :meth:`execute`'s
        transaction, run again if the database picked it as a deadlock victim)."""
        self.check()
        with noting_new_tasks() as new_tasks:
            process = start_process(
                self.spec,
                initiator=self.initiator,
                data=self.cleaned_data,
                title=self.title,
                urgency=self.urgency,
                chosen=self.chosen,
                on_started=self.on_started,
            )
            opened = [t.pk for t in new_tasks.still_open()]  # a child's first step, too
        result = ActionResult(process.pk, opened, "started")
        announce(type(self), result, self.audit_action)
        return result

"""存草稿: keep a drafter's form data and title, before starting or while revising.

Before a process exists the data goes into a :class:`~gongwen.runtime.models.Draft` (listed by
:func:`gongwen.runtime.inbox.drafts`); :class:`StartDraft` starts a process from it and deletes
it in the same transaction. While the initiator's 修改后重新提交 task is open (the process was
returned or withdrawn to its start), :class:`SaveDraft` with ``task=`` saves onto the process
itself. Either way: one transaction, audit event last, ``process_changed`` after commit for a
process.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongwen.audit import record as audit_record
from gongwen.definitions.specs import FlowSpec
from gongwen.forms import Stage
from gongwen.kernel.actions import register
from gongwen.kernel.text import check_text
from gongwen.kernel.transactions import atomically
from gongwen.runtime.actions.base import ActionResult, announce, object_id, require_person
from gongwen.runtime.actions.form_data import clean_draft_data, clean_task_edits
from gongwen.runtime.actions.start import StartProcess, check_title, check_urgency
from gongwen.runtime.engine.operations import RESUBMIT_NODE, lock_process_of_task
from gongwen.runtime.events import record
from gongwen.runtime.exceptions import Conflict, InvalidInput, NotFound, NotPermitted
from gongwen.runtime.models import OPEN_STATUSES, Draft, Task

MAX_KEY_LENGTH = 64


def _check_fields(data: Any, title: Any, urgency: Any) -> None:
    if not isinstance(data, dict):
        raise InvalidInput(_("The form data must be an object."), pointer="/data")
    check_title(title)
    check_urgency(urgency)


def _check_person(actor: Any) -> None:
    require_person(actor)


@register
class SaveDraft:
    """Save ``data``/``title``/``urgency`` as ``actor``'s draft.

    Give ``definition_key`` for a new draft, ``draft`` to update one of the actor's drafts, or
    ``task`` (the actor's open 修改后重新提交 task) to save onto a returned process.
    """

    code = "save_draft"
    audit_action = "gongwen.process.save_draft"

    def __init__(
        self,
        actor: Any,
        *,
        definition_key: str = "",
        draft: Draft | int | None = None,
        task: Task | int | None = None,
        data: dict | None = None,
        title: str = "",
        urgency: str = "",
    ) -> None:
        self.actor = actor
        self.definition_key = definition_key
        self.draft_id = draft.pk if isinstance(draft, Draft) else draft
        self.task_id = task.pk if isinstance(task, Task) else task
        self.data = data if data is not None else {}
        self.title = title
        self.urgency = urgency
        self.cleaned_data: dict = {}  # ``data`` as checked (onto a process: merged into its data)

    def check(self) -> None:
        """Raise an :class:`ActionError` if the draft cannot be saved as given; change nothing."""
        self.validate(lock=False)

    def execute(self) -> ActionResult | Draft:
        """Save in one transaction; return the draft, or the result for a returned process."""
        return atomically(self.run)

    def run(self) -> ActionResult | Draft:
        """Check and save (inside :meth:`execute`'s transaction)."""
        target = self.validate(lock=True)
        if isinstance(target, Task):
            return self._save_on_process(target)
        return self._save_draft(target)

    def validate(self, *, lock: bool) -> Draft | Task | None:
        """Check the input and ownership; return the draft or task to save onto (or ``None``).

        The data is checked as a draft (types, unknown or hidden fields, storable text, size;
        nothing required yet) and kept in :attr:`cleaned_data`.
        """
        target = self._target(lock)
        if isinstance(target, Task):
            edits = clean_task_edits(target, self.data, opinion="", stage=Stage.DRAFT)
            self.cleaned_data = edits.data
        else:
            key = target.definition_key if target is not None else self.definition_key
            self.cleaned_data = clean_draft_data(
                key, self.data, urgency=self.urgency, title=self.title
            )
        return target

    def _target(self, lock: bool) -> Draft | Task | None:
        _check_person(self.actor)
        _check_fields(self.data, self.title, self.urgency)
        chosen = [x for x in (self.definition_key, self.draft_id, self.task_id) if x]
        if len(chosen) != 1:
            raise InvalidInput(_("Name either a document type, a draft or a task."))
        if self.task_id:
            return self._resubmit_task(object_id(self.task_id, "/task", Task), lock)
        if self.draft_id:
            draft_id = object_id(self.draft_id, "/draft", Draft)
            rows = Draft.objects.select_for_update() if lock else Draft.objects
            draft = rows.filter(pk=draft_id).first()
            if draft is None:
                raise NotFound()
            if draft.owner_id != self.actor.pk:
                raise NotPermitted()
            return draft
        check_text(
            self.definition_key,
            "/definition_key",
            MAX_KEY_LENGTH,
            error=InvalidInput,
            too_long=_("Unknown document type."),
        )
        return None

    def _resubmit_task(self, task_id: int, lock: bool) -> Task:
        if lock and lock_process_of_task(task_id) is None:
            raise NotFound()
        task = Task.objects.select_related("process").filter(pk=task_id).first()
        if task is None:
            raise NotFound()
        if task.owner_id != self.actor.pk or task.node_id != RESUBMIT_NODE:
            raise NotPermitted()
        if task.status not in OPEN_STATUSES or task.process.finished is not None:
            raise Conflict()
        return task

    def _save_draft(self, draft: Draft | None) -> Draft:
        if draft is None:
            draft = Draft(owner=self.actor, definition_key=self.definition_key)
        draft.title, draft.urgency, draft.data = self.title, self.urgency, self.cleaned_data
        draft.save()
        audit_record(
            self.audit_action,
            actor=self.actor,
            target=("runtime.draft", draft.pk),
            payload={"definition": draft.definition_key},
        )
        return draft

    def _save_on_process(self, task: Task) -> ActionResult:
        process = task.process
        process.data, process.title, process.urgency = self.cleaned_data, self.title, self.urgency
        process.save(update_fields=["data", "title", "urgency"])
        record(self.audit_action, process=process, task=task, actor=self.actor)
        result = ActionResult(process.pk, [], "saved")
        announce(type(self), result, self.audit_action)
        return result


@register
class StartDraft:
    """Start ``spec`` from ``actor``'s ``draft`` and delete the draft, in one transaction."""

    code = "start"
    #: Its registry code; the audit event it writes is the start's (``gongwen.process.start``).
    audit_action = "gongwen.process.start_draft"

    def __init__(self, spec: FlowSpec, draft: Draft | int, actor: Any, **options: Any) -> None:
        self.spec = spec
        self.draft_id = draft.pk if isinstance(draft, Draft) else draft
        self.actor = actor
        self.options = options

    def check(self) -> None:
        """Raise an :class:`ActionError` if the draft cannot be started; change nothing."""
        self._starter(self._draft(lock=False)).check()

    def execute(self) -> ActionResult:
        """Start the process and delete the draft."""
        return atomically(self.run)

    def run(self) -> ActionResult:
        """Delete the draft and start its process (inside :meth:`execute`'s transaction)."""
        draft = self._draft(lock=True)
        starter = self._starter(draft)
        draft.delete()  # first: the start's audit event is the transaction's last write
        return starter.execute()

    def _draft(self, *, lock: bool) -> Draft:
        _check_person(self.actor)
        if not isinstance(self.spec, FlowSpec):
            raise InvalidInput(_("Unknown document type."), pointer="/spec")
        draft_id = object_id(self.draft_id, "/draft", Draft)
        rows = Draft.objects.select_for_update() if lock else Draft.objects
        draft = rows.filter(pk=draft_id).first()
        if draft is None:
            raise NotFound()
        if draft.owner_id != self.actor.pk:
            raise NotPermitted()
        if draft.definition_key != self.spec.key:
            raise InvalidInput(_("The draft belongs to another document type."))
        return draft

    def _starter(self, draft: Draft) -> StartProcess:
        return StartProcess(
            self.spec,
            self.actor,
            data=draft.data,
            title=draft.title,
            urgency=draft.urgency,
            **self.options,
        )

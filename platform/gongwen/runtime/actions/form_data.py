"""Form data of actions: the published form a flow fills in, submissions cleaned by it.

The start, drafts and every step's edits go through :func:`gongwen.forms.clean_submission`
with the node's field rights; this module finds the form and the rights. A flow spec built in
code (tests) or not published has no form: its data is then checked for storability and the
node's rights only (docs/definitions.md, "Form data at runtime").
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from gongwen.definitions.models import DefinitionVersion
from gongwen.definitions.specs import FlowSpec, FormSpec
from gongwen.definitions.versions import latest, load_form_spec, load_spec
from gongwen.forms import Stage, changed_fields, clean_submission, opinion_fields
from gongwen.runtime.engine.operations import RESUBMIT_NODE, node_spec
from gongwen.runtime.models import Task


def form_of(spec: FlowSpec) -> FormSpec | None:
    """Return the form of the published version ``spec`` is, or ``None`` (built in code).

    Published specs are compiled once per version and cached, so this asks the database at
    most once per version and interpreter.
    """
    if not spec.content_hash:
        return None  # compiled specs always carry their hash: this one was built in code
    try:
        published = load_spec(spec.key, spec.version)
    except DefinitionVersion.DoesNotExist:
        return None
    if published.content_hash != spec.content_hash:
        return None  # a draft compiled under a number that is published with other content
    return load_form_spec(spec.key, spec.version)


def formula_context(spec: FlowSpec | None, *, urgency: str = "", title: str = "") -> dict:
    """Return what formulas and rules read besides ``form``: the 公文 settings, process facts.

    ``document.urgency`` is the one chosen for this process when there is one.
    """
    document = _text_settings(spec.document if spec is not None else None)
    if urgency:
        document["urgency"] = urgency
    return {"document": document, "process": {"urgency": urgency, "title": title}}


def _text_settings(settings: Any) -> dict:
    if settings is None:
        return {}
    values = {item.name: getattr(settings, item.name) for item in dataclasses.fields(settings)}
    return {name: value for name, value in values.items() if isinstance(value, str)}


def clean_start_data(
    spec: FlowSpec, data: Any, *, urgency: str, title: str, stage: Stage = Stage.START
) -> dict:
    """Return the data a start of ``spec`` stores (computed fields computed), or refuse it.

    Raises:
        InvalidSubmission: every problem of ``data`` at the start node.
    """
    return clean_submission(
        form_of(spec),
        data,
        fields=spec.start.fields,
        stage=stage,
        context=formula_context(spec, urgency=urgency, title=title),
    )


def clean_draft_data(key: str, data: Any, *, urgency: str, title: str) -> dict:
    """Return the data a new draft of document type ``key`` keeps, or refuse it.

    A draft may be incomplete (nothing is required) but is checked as the start will check it
    otherwise, against the current published version (a key with none: storability only).

    Raises:
        InvalidSubmission: every problem of ``data`` as a draft.
    """
    found = latest(key)
    if found is None:
        return clean_submission(None, data, stage=Stage.DRAFT)
    spec = load_spec(key, found.version)
    return clean_start_data(spec, data, urgency=urgency, title=title, stage=Stage.DRAFT)


@dataclass(frozen=True)
class Edits:
    """A step's accepted form edits: the process data to store and the fields they changed."""

    data: dict
    changed: list[str]


def clean_task_edits(task: Task, data: Any, *, opinion: str, stage: Stage | None = None) -> Edits:
    """Return ``data`` (a step's edits) applied to the process's data, or refuse it.

    The 修改后重新提交 task edits with the start node's rights and must fill what the start
    requires; any other step with its own. A 意见 field the step may write and ``data`` does
    not give takes the action's ``opinion`` (the one box a page shows for both).

    Raises:
        InvalidSubmission: every problem of ``data`` at this step.
    """
    process = task.process
    spec = process.flow_class.spec
    resubmit = task.node_id == RESUBMIT_NODE
    fields = spec.start.fields if resubmit else node_spec(task).fields
    stage = stage or (Stage.START if resubmit else Stage.NODE)
    form = form_of(spec)
    sent = {} if data is None else dict(data) if isinstance(data, dict) else data
    if opinion and isinstance(sent, dict):
        for name in opinion_fields(form, fields, stage=stage):
            sent.setdefault(name, opinion)
    previous = process.data if isinstance(process.data, dict) else {}
    cleaned = clean_submission(
        form,
        sent,
        fields=fields,
        previous=previous,
        stage=stage,
        context=formula_context(spec, urgency=process.urgency, title=process.title),
    )
    return Edits(cleaned, changed_fields(previous, cleaned, form))

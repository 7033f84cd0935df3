"""Helpers for the runtime admin tests: running processes on the shipped notice, a staff client."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from gongwen.definitions.registries import numbering_series_lookup
from gongwen.definitions.versions import load_spec, publish_documents
from gongwen.runtime.actions import Approve
from gongwen.runtime.models import Process
from tests.forms.samples import sample
from tests.runtime.helpers import open_at, start

REPO = Path(__file__).resolve().parents[2]


def publish_shipped(key: str) -> Any:
    """Publish the shipped definition ``key`` and return its compiled flow."""
    form = json.loads((REPO / "forms" / f"{key}.json").read_text(encoding="utf-8"))
    flow = json.loads((REPO / "flow_defs" / f"{key}.json").read_text(encoding="utf-8"))
    with numbering_series_lookup(lambda series: True):
        version = publish_documents(key, form, flow, by=None)
    return load_spec(key, version.version)


def start_notice(spec: Any, people: dict, title: str) -> Process:
    """Start a notice as huangmin and have its section head approve it ("同意")."""
    process = start(spec, people["huangmin"], title=title, data=sample("notice"))
    (task,) = open_at(process, "section_review")
    Approve(task, people[task.owner.username], opinion="同意，请办公室核稿").execute()
    return Process.objects.get(pk=process.pk)

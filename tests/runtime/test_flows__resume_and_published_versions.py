"""Processes resume after restarts; published versions run through the PEP 562 flows module."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from viewflow.workflow.fields import (
    get_flow_ref,
    import_flow_by_ref,
    import_task_by_ref,
)

from gongwen.definitions.registries import numbering_series_lookup
from gongwen.definitions.versions import publish_documents
from gongwen.runtime.actions import Approve, StartProcess
from gongwen.runtime.engine import flows
from gongwen.runtime.models import Process, Task
from tests.forms.samples import sample
from tests.runtime.helpers import open_at, start
from tests.runtime.specs import chain, node

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "definitions" / "valid"


def _published():
    form = json.loads((FIXTURES / "basic_form.json").read_text(encoding="utf-8"))
    flow = json.loads((FIXTURES / "basic_flow.json").read_text(encoding="utf-8"))
    flow["key"] = form["key"] = "runtime-resume"
    flow["form"] = form["key"]
    flow["document"]["numbering_series"] = None
    with numbering_series_lookup(None):
        publish_documents("runtime-resume", form, flow, by=None)
    from gongwen.definitions.versions import load_spec

    return load_spec("runtime-resume", 1)


def test_a_published_version_is_resolved_by_name_through_the_flows_module(people) -> None:
    spec = _published()
    result = StartProcess(
        spec, people["huangmin"], data=sample("runtime-resume", amount=1)
    ).execute()
    process = Process.objects.get(pk=result.process_id)

    cls = flows.Def_runtime_2d_resume_v1
    assert process.flow_class is cls
    assert get_flow_ref(cls) == "runtime/engine.flows.Def_runtime_2d_resume_v1"
    assert import_flow_by_ref("runtime/engine.flows.Def_runtime_2d_resume_v1") is cls
    (review,) = open_at(process, "review")
    assert review.owner == people["yangfan"]


def test_a_process_resumes_after_every_cache_is_dropped(people, monkeypatch) -> None:
    spec = chain("resume", node("sign", "approve", {"rule": "user", "username": "wujing"}))
    process = start(spec, people["huangmin"])
    old_class = process.flow_class

    # What a restart loses: viewflow's lru caches and our built classes.
    monkeypatch.setattr(flows, "_classes", {})
    monkeypatch.setattr(flows, "_load_spec", lambda key, version: spec)
    import_flow_by_ref.cache_clear()
    import_task_by_ref.cache_clear()

    task = Task.objects.get(process=process, node_id="sign")
    assert task.flow_task.flow_class is not old_class
    Approve(task, people["wujing"]).execute()
    process = Process.objects.get(pk=process.pk)
    assert process.outcome == "completed"
    import_flow_by_ref.cache_clear()
    import_task_by_ref.cache_clear()


def test_an_unknown_flow_class_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        flows.NotAFlow  # noqa: B018
    with pytest.raises(ImportError):
        import_flow_by_ref("runtime/engine.flows.Nothing_here")


SCRIPT = """
import django, os, sys, threading
django.setup()
from gongwen.runtime.steps import step_handlers
# The same bare 公文 step registry the in-process runtime tests use (see conftest.py).
step_handlers._handlers, step_handlers._by_person = {}, set()
from django.contrib.auth import get_user_model
from viewflow.workflow.fields import import_flow_by_ref, import_task_by_ref
from gongwen.runtime.actions import Approve
from gongwen.runtime.models import Process, Task

ref = sys.argv[1]
found = []
threads = [threading.Thread(target=lambda: found.append(import_flow_by_ref(ref)))
           for _ in range(8)]
[t.start() for t in threads]
[t.join() for t in threads]
assert len({id(c) for c in found}) == 1, "one class object per reference"
assert import_task_by_ref(ref + ".n_review") is found[0].instance.node("n_review")
task = Task.objects.get(pk=int(sys.argv[2]))
Approve(task, get_user_model().objects.get(username=sys.argv[3])).execute()
# The rest of the flow (a 办理 step after the review) runs here too, each by its holder.
for _ in range(20):
    process = Process.objects.get(pk=task.process_id)
    waiting = Task.objects.filter(process=process, status__in=["NEW", "ASSIGNED", "STARTED"])
    nxt = waiting.exclude(owner=None).order_by("pk").first()
    if process.finished or nxt is None:
        break
    Approve(nxt, nxt.owner).execute()
print(Process.objects.get(pk=task.process_id).outcome)
"""


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_process_started_here_resumes_in_a_fresh_interpreter(demo) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the SQLite test database is in memory, invisible to another process")
    people = demo["users"]
    spec = _published()
    result = StartProcess(
        spec, people["huangmin"], data=sample("runtime-resume", amount=1)
    ).execute()
    process = Process.objects.get(pk=result.process_id)
    (review,) = open_at(process, "review")
    settings = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gongwen.settings",
        "PYTHONPATH": str(REPO / "platform") + os.pathsep + str(REPO),
        "DATABASE_URL": f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}"
        f"/{settings['NAME']}",
    }
    ref = get_flow_ref(process.flow_class)
    run = subprocess.run(  # noqa: S603 - fixed interpreter and script, test-controlled args
        [sys.executable, "-c", SCRIPT, ref, str(review.pk), "yangfan"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "completed"
    process.refresh_from_db()
    assert process.outcome == "completed"

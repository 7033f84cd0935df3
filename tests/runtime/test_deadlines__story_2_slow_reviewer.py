"""Story 2 on the shipped 请示 definition: the slow signer is reminded by the worker, then
the flow goes on (returned once, resubmitted, signed); a retired version's process still fires.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from viewflow.workflow.fields import import_flow_by_ref, import_task_by_ref

from gongwen.definitions.registries import numbering_series_lookup
from gongwen.definitions.versions import load_spec, publish_documents, retire
from gongwen.notifications.models import Notification
from gongwen.runtime.actions.approve import Approve
from gongwen.runtime.actions.return_to import ReturnTo
from gongwen.runtime.calendar.arithmetic import add_working_time
from gongwen.runtime.deadlines.models import Deadline
from gongwen.runtime.deadlines.tasks import fire_due_deadlines
from gongwen.runtime.engine import flows
from tests.forms.samples import sample
from tests.runtime.deadline_helpers import actions_of, make_due
from tests.runtime.helpers import open_at, positions, start

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _own_flow_classes(monkeypatch):
    """Accept the shipped numbering series; keep the classes built here out of other tests."""
    monkeypatch.setattr(flows, "_classes", {})
    with numbering_series_lookup(lambda series: True):
        yield
    import_flow_by_ref.cache_clear()
    import_task_by_ref.cache_clear()


def _shipped_request():
    form = json.loads((REPO / "forms" / "request.json").read_text(encoding="utf-8"))
    flow = json.loads((REPO / "flow_defs" / "request.json").read_text(encoding="utf-8"))
    version = publish_documents("request", form, flow, by=None)
    return load_spec("request", version.version)


def _urgent_request(people):
    spec = _shipped_request()
    process = start(
        spec,
        people["huangmin"],
        title="关于申请防汛物资的请示",
        urgency="特急",
        data=sample("request", amount=800000),
    )
    return spec, process


def test_story_2_slow_signer_is_reminded_then_returns_and_signs(people) -> None:
    spec, process = _urgent_request(people)
    (sign,) = open_at(process, "principal_sign")
    deadline = Deadline.objects.get(task=sign)
    limit = spec.nodes["principal_sign"].deadline
    assert (limit.duration, limit.remind_before) == (timedelta(days=2), timedelta(hours=4))
    # In working time: two 7-hour working days; the reminder 4 working hours before.
    assert deadline.due_at == add_working_time(sign.assigned, timedelta(days=2))
    assert deadline.remind_at == add_working_time(sign.assigned, timedelta(hours=10))

    make_due(remind=True, task=sign)
    assert fire_due_deadlines.call() == {"reminded": 1}
    signer = people[sign.owner.username]
    (note,) = Notification.objects.filter(kind="deadline.reminder")
    assert note.user == signer and "关于申请防汛物资的请示" in note.message

    ReturnTo(sign, signer, target="draft", opinion="请补充物资清单").execute()
    (resubmit,) = open_at(process, "@resubmit")
    Approve(resubmit, people["huangmin"], opinion="已补充").execute()
    (again,) = open_at(process, "principal_sign")
    assert Deadline.objects.get(task=again).reminded_at is None  # a fresh task, a fresh limit
    Approve(again, signer, opinion="同意").execute()
    make_due(remind=True, expire=True, task=sign)
    assert fire_due_deadlines.call() == {"closed": 1}  # the first, returned task never escalates
    assert actions_of(process, "gongwen.deadline.") == ["gongwen.deadline.remind"]


def test_a_retired_versions_running_process_still_fires(people) -> None:
    spec, process = _urgent_request(people)
    retire("request", spec.version)
    (sign,) = open_at(process, "principal_sign")
    make_due(remind=True, expire=True, task=sign)
    assert fire_due_deadlines.call() == {"escalated": 1}
    assert actions_of(process, "gongwen.deadline.") == ["gongwen.deadline.expire"]
    assert Notification.objects.filter(kind="deadline.expired", user=sign.owner).exists()
    assert positions(process)[0][0] == "principal_sign"  # notify_superior leaves it there

"""终止: the initiator or an administrator stops a running process, with a reason."""

from __future__ import annotations

import pytest

from gongwen.org.models import User
from gongwen.runtime.actions import Terminate
from gongwen.runtime.exceptions import Conflict, InvalidInput, NotPermitted
from gongwen.runtime.models import Outcome, Process, TraceEntry
from tests.runtime.helpers import positions, snapshot, start
from tests.runtime.specs import chain, node


def _process(people):
    spec = chain(
        "terminate", node("sign", "approve", {"rule": "form_field", "field": "s"}, mode="all")
    )
    return start(spec, people["huangmin"], data={"s": ["wujing", "hetao"]})


def test_initiator_terminates_and_every_open_task_is_cancelled(people) -> None:
    process = _process(people)
    Terminate(process, people["huangmin"], reason="情况变化，不再发文").execute()
    process = Process.objects.get(pk=process.pk)
    assert process.outcome == Outcome.TERMINATED and process.finished is not None
    assert positions(process) == []
    entry = TraceEntry.objects.get(process=process, action="gongwen.process.terminate")
    assert entry.opinion == "情况变化，不再发文"


def test_an_administrator_may_terminate_someone_elses_process(people) -> None:
    process = _process(people)
    admin = User.objects.filter(is_superuser=True, is_active=True).first()
    Terminate(process, admin, reason="重复发起").execute()
    with pytest.raises(Conflict):
        Terminate(process, admin, reason="again").execute()


def test_others_and_missing_reasons_are_refused_and_change_nothing(people) -> None:
    process = _process(people)
    before = snapshot()
    with pytest.raises(NotPermitted):
        Terminate(process, people["wujing"], reason="不想签").execute()
    with pytest.raises(InvalidInput):
        Terminate(process, people["huangmin"], reason="  ").execute()
    assert snapshot() == before

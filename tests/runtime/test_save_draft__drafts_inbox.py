"""存草稿: drafts are kept, listed in 草稿, started once; a returned document can be revised."""

from __future__ import annotations

import pytest

from gongwen.audit.models import AuditEvent
from gongwen.runtime import inbox
from gongwen.runtime.actions import Approve, ReturnTo, SaveDraft, StartDraft
from gongwen.runtime.exceptions import Conflict, InvalidInput, NotFound, NotPermitted
from gongwen.runtime.models import Draft, Process, TraceEntry
from tests.runtime.helpers import open_at, positions, snapshot, start
from tests.runtime.specs import chain, node


def _spec():
    return chain(
        "drafting",
        node("section", "approve", {"rule": "department_head", "of": "initiator"}),
        node("office", "approve", {"rule": "user", "username": "wujing"}, return_targets=["*"]),
    )


def test_a_saved_draft_appears_in_the_drafters_drafts_and_nowhere_else(people) -> None:
    draft = SaveDraft(
        people["huangmin"], definition_key="notice", data={"body": "草"}, title="关于…"
    ).execute()
    assert [d.pk for d in inbox.drafts(people["huangmin"])] == [draft.pk]
    assert inbox.drafts(people["wujing"]) == []
    assert AuditEvent.objects.filter(action="gongwen.process.save_draft").count() == 1


def test_saving_again_updates_the_same_draft(people) -> None:
    first = SaveDraft(people["huangmin"], definition_key="notice", title="一稿").execute()
    again = SaveDraft(people["huangmin"], draft=first, title="二稿", data={"n": 2}).execute()
    assert again.pk == first.pk
    assert Draft.objects.get().title == "二稿"
    assert Draft.objects.get().data == {"n": 2}


def test_starting_a_draft_runs_the_flow_with_its_data_and_removes_the_draft(people) -> None:
    spec = _spec()
    draft = SaveDraft(
        people["huangmin"], definition_key=spec.key, title="请示", data={"a": 1}, urgency="特急"
    ).execute()
    result = StartDraft(spec, draft, people["huangmin"]).execute()
    process = Process.objects.get(pk=result.process_id)
    assert (process.title, process.data, process.urgency) == ("请示", {"a": 1}, "特急")
    assert positions(process) == [("section", "yangfan")]
    assert inbox.drafts(people["huangmin"]) == []


def test_nobody_else_can_update_or_start_someone_elses_draft(people) -> None:
    spec = _spec()
    draft = SaveDraft(people["huangmin"], definition_key=spec.key, title="x").execute()
    before = [*snapshot(), list(Draft.objects.values())]
    with pytest.raises(NotPermitted):
        SaveDraft(people["wujing"], draft=draft, title="改").execute()
    with pytest.raises(NotPermitted):
        StartDraft(spec, draft, people["wujing"]).execute()
    with pytest.raises(InvalidInput):
        StartDraft(_spec(), draft, people["huangmin"]).execute()
    assert [*snapshot(), list(Draft.objects.values())] == before


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"definition_key": "notice", "data": ["not", "a", "dict"]}, InvalidInput),
        ({"definition_key": "notice", "title": "长" * 201}, InvalidInput),
        ({"definition_key": "notice", "urgency": "很急"}, InvalidInput),
        ({}, InvalidInput),
        ({"definition_key": "notice", "draft": 1}, InvalidInput),
        ({"draft": 999999}, NotFound),
    ],
)
def test_bad_draft_input_is_refused_and_nothing_is_saved(people, options, error) -> None:
    before = [*snapshot(), list(Draft.objects.values())]
    with pytest.raises(error):
        SaveDraft(people["huangmin"], **options).execute()
    assert [*snapshot(), list(Draft.objects.values())] == before


def test_a_returned_document_can_be_revised_while_its_resubmit_task_is_open(people) -> None:
    process = start(_spec(), people["huangmin"], title="旧", data={"v": 1})
    Approve(open_at(process, "section")[0], people["yangfan"]).execute()
    ReturnTo(open_at(process, "office")[0], people["wujing"], target="start").execute()
    task = open_at(process, "@resubmit")[0]

    SaveDraft(people["huangmin"], task=task, title="新", data={"v": 2}).execute()

    process.refresh_from_db()
    assert (process.title, process.data) == ("新", {"v": 2})
    assert TraceEntry.objects.filter(process=process, action="gongwen.process.save_draft").exists()
    Approve(task, people["huangmin"]).execute()
    before = snapshot()
    with pytest.raises(Conflict):
        SaveDraft(people["huangmin"], task=task, title="再改").execute()
    assert snapshot() == before


def test_only_the_initiator_revises_and_only_on_a_resubmit_task(people) -> None:
    process = start(_spec(), people["huangmin"])
    task = open_at(process, "section")[0]
    before = snapshot()
    with pytest.raises(NotPermitted):
        SaveDraft(people["yangfan"], task=task, title="x").execute()
    assert snapshot() == before


def test_the_drafts_list_is_one_query_whatever_its_size(people, django_assert_num_queries):
    for n in range(6):
        SaveDraft(people["huangmin"], definition_key="notice", title=str(n)).execute()
    with django_assert_num_queries(1):
        rows = inbox.drafts(people["huangmin"], limit=4)
    assert [d.title for d in rows] == ["5", "4", "3", "2"]

"""Forms in the actions: start, drafts and a step's edits go through the forms layer."""

from __future__ import annotations

import json

import pytest
from django.apps import apps

from gongwen.definitions.registries import numbering_series_lookup
from gongwen.definitions.versions import load_spec, publish_documents
from gongwen.forms import InvalidSubmission
from gongwen.runtime.actions import Approve, SaveDraft, StartProcess
from gongwen.runtime.models import Draft, Process, TraceEntry
from tests.forms.conftest import REPO, SMALL_FORM
from tests.forms.samples import sample
from tests.runtime.conftest import _bare_step_registry
from tests.runtime.helpers import open_at

__all__ = ["_bare_step_registry"]  # the runtime alone: no 公文 step handlers

SMALL_FLOW = {
    "schema_version": 1,
    "kind": "flow",
    "key": "small",
    "name": {"zh-Hans": "小流程"},
    "form": "small",
    "nodes": [
        {"id": "draft", "type": "start", "fields": {"secret": "hidden"}},
        {
            "id": "check",
            "type": "approve",
            "name": {"zh-Hans": "审核"},
            "assignee": {"rule": "user", "username": "wujing"},
            "fields": {"items": "editable", "opinion": "required", "secret": "hidden"},
        },
        {"id": "end", "type": "end"},
    ],
    "edges": [{"from": "draft", "to": "check"}, {"from": "check", "to": "end"}],
}


@pytest.fixture
def people(demo) -> dict:
    return demo["users"]


def _publish(key: str, form: dict, flow: dict):
    with numbering_series_lookup(lambda series: True):
        version = publish_documents(key, form, flow, by=None)
    return load_spec(key, version.version)


@pytest.fixture
def notice(people):
    read = (REPO / "forms" / "notice.json", REPO / "flow_defs" / "notice.json")
    form, flow = (json.loads(path.read_text(encoding="utf-8")) for path in read)
    return _publish("notice", form, flow)


@pytest.fixture
def small(people):
    return _publish("small", SMALL_FORM, SMALL_FLOW)


def every_table() -> dict[str, list]:
    """Return every row of every table Gongwen and its libraries keep."""
    models = [m for m in apps.get_models() if m._meta.managed and not m._meta.proxy]
    return {m._meta.label: list(m.objects.order_by("pk").values()) for m in models}


def _start(spec, person, data, **options) -> Process:
    result = StartProcess(spec, person, title="关于冬季安全生产的通知", data=data, **options)
    return Process.objects.get(pk=result.execute().process_id)


@pytest.mark.parametrize(
    "data",
    [
        sample("notice", title=None),
        sample("notice", summary="正\x00文"),
        sample("notice", countersign=1),
        sample("notice", unknown="x"),
        sample("notice", sign_opinion="先签了"),
    ],
)
def test_a_start_with_invalid_data_leaves_every_table_as_it_was(notice, people, data) -> None:
    before = every_table()
    with pytest.raises(InvalidSubmission):
        StartProcess(notice, people["huangmin"], title="通知", data=data).execute()
    assert every_table() == before


def test_a_valid_start_stores_the_data(notice, people) -> None:
    process = _start(notice, people["huangmin"], sample("notice"))
    assert process.data == sample("notice")


def test_a_start_computes_computed_fields_and_ignores_the_clients(small, people) -> None:
    items = [{"item": "纸", "cost": 40}, {"item": "笔", "cost": 70}]
    process = _start(small, people["huangmin"], {"title": "采购", "items": items, "total": 1})
    assert (process.data["total"], process.data["big"]) == (110, True)


def test_a_steps_edits_are_merged_and_traced_by_name(small, people) -> None:
    process = _start(small, people["huangmin"], {"title": "采购", "items": []})
    (task,) = open_at(process, "check")
    items = [{"item": "纸", "cost": 200}]
    Approve(task, people["wujing"], opinion="同意", data={"items": items, "total": 0}).execute()
    process.refresh_from_db()
    assert process.data["items"] == items
    assert (process.data["total"], process.data["big"], process.data["opinion"]) == (
        200,
        True,
        "同意",
    )
    entry = TraceEntry.objects.get(process=process, action="gongwen.task.approve")
    assert entry.payload["fields"] == ["items", "total", "big", "opinion"]


def test_a_step_refuses_a_hidden_or_read_only_field_and_changes_nothing(small, people) -> None:
    process = _start(small, people["huangmin"], {"title": "采购"})
    (task,) = open_at(process, "check")
    before = every_table()
    for sent, where in (({"secret": "x"}, "/secret"), ({"title": "改"}, "/title")):
        with pytest.raises(InvalidSubmission) as refused:
            Approve(task, people["wujing"], opinion="同意", data=sent).execute()
        assert refused.value.pointer == where
    assert every_table() == before


def test_a_step_enforces_what_it_requires(small, people) -> None:
    process = _start(small, people["huangmin"], {"title": "采购"})
    (task,) = open_at(process, "check")
    with pytest.raises(InvalidSubmission) as refused:
        Approve(task, people["wujing"]).execute()
    assert refused.value.pointer == "/opinion"
    Approve(task, people["wujing"], data={"opinion": "可以"}).execute()
    process.refresh_from_db()
    assert process.finished is not None and process.data["opinion"] == "可以"


def test_the_notices_office_review_requires_its_review_opinion(notice, people) -> None:
    process = _start(notice, people["huangmin"], sample("notice"))
    (section,) = open_at(process, "section_review")
    Approve(section, people[section.owner.username]).execute()  # no opinion: none written
    office = open_at(process, "office_review")[0]
    reviewer = people[office.owner.username]
    with pytest.raises(InvalidSubmission) as refused:  # emptied on purpose
        Approve(office, reviewer, opinion="核稿无误", data={"review_opinion": None}).check()
    assert refused.value.pointer == "/review_opinion"
    Approve(office, reviewer, opinion="核稿无误").execute()  # the opinion fills it
    assert Process.objects.get(pk=process.pk).data["review_opinion"] == "核稿无误"


def test_a_draft_may_be_incomplete_but_is_checked(notice, people) -> None:
    draft = SaveDraft(people["huangmin"], definition_key="notice", data={"title": "草稿"}).execute()
    assert Draft.objects.get(pk=draft.pk).data == {"title": "草稿"}
    before = every_table()
    for bad in ({"title": "草\x00稿"}, {"amount": 1}, {"review_opinion": "x"}):
        with pytest.raises(InvalidSubmission):
            SaveDraft(people["huangmin"], draft=draft, data=bad).execute()
    assert every_table() == before


def test_a_draft_of_a_type_with_no_published_version_is_checked_for_storability(people) -> None:
    with pytest.raises(InvalidSubmission) as refused:
        SaveDraft(people["huangmin"], definition_key="nothing", data={"a": "\x00"}).execute()
    assert refused.value.pointer == "/a"

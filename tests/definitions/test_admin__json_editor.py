"""The admin edits drafts as pretty-printed JSON and explains every problem, as the CLI does."""

from __future__ import annotations

import copy
import json
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape

from gongwen.definitions.models import DefinitionVersion, Draft
from gongwen.definitions.versions import check_pair, save_draft

pytestmark = pytest.mark.django_db


def _change_url(draft: Draft) -> str:
    return reverse("admin:definitions_draft_change", args=[draft.pk])


def _english(client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def _text(doc) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False)


def _broken(flow: dict) -> dict:
    """Return ``flow`` with more than five problems (the old action showed only five)."""
    broken = copy.deepcopy(flow)
    broken["edges"].append({"from": "review", "to": "nowhere"})
    broken["nodes"][1]["fields"]["ghost"] = "editable"
    broken["nodes"][1]["fields"]["phantom"] = "hidden"
    broken["nodes"][1]["deadline"]["duration"] = "soon"
    broken["nodes"][1]["return_targets"] = ["end", "elsewhere"]
    broken["nodes"][3]["ratio"] = 2
    broken["document"]["numbering_series"] = "没有这个"
    return broken


@pytest.fixture
def draft(basic_form, basic_flow) -> Draft:
    return save_draft("basic", basic_form, basic_flow, None)


def _assert_every_problem_explained(body: str, problems, language: str = "zh-hans") -> None:
    assert len(problems) > 5
    for found in problems:
        item = (
            f"<li><code>{escape(found.pointer)}</code> <code>{escape(found.code)}</code> "
            f"{escape(found.message(language))}</li>"
        )
        assert item in body, item


def test_the_stored_json_is_shown_pretty_printed_in_the_json_editor(
    admin_client, draft, basic_flow
):
    body = admin_client.get(_change_url(draft)).content.decode()
    textarea = re.search(r'<textarea name="flow"[^>]*>(.*?)</textarea>', body, re.DOTALL)
    assert textarea is not None
    assert 'class="gongwen-json-editor"' in textarea.group(0)
    assert "data-json-editor" in textarea.group(0)
    draft.refresh_from_db()  # PostgreSQL's jsonb keeps its own key order: show what is stored
    assert draft.flow == basic_flow
    assert textarea.group(1).strip() == escape(_text(draft.flow))
    assert "基本流程" in textarea.group(1)  # real characters, not \\u escapes
    assert "definitions/json_editor.js" in body and "definitions/json_editor.css" in body
    assert "<script>" not in body.split("<body", 1)[1]  # no inline script of ours


@pytest.mark.parametrize(
    ("english", "expected"),
    [
        (False, "不是有效的 JSON：第 3 行第 3 列，缺少逗号。该行：▶&quot;key&quot;: &quot;basic"),
        (True, "Not valid JSON: line 3, column 3: a comma is missing. The line: ▶&quot;key&quot;"),
    ],
)
def test_a_json_syntax_error_says_line_column_and_shows_the_line(
    admin_client, draft, basic_form, english, expected
):
    if english:
        _english(admin_client)
    text = '{\n  "kind": "form"\n  "key": "basic"\n}'
    response = admin_client.post(
        _change_url(draft), {"form": text, "flow": _text(draft.flow), "_save": "1"}
    )
    assert response.status_code == 200  # the form again, not a redirect
    body = response.content.decode()
    assert expected in body
    assert "输入一个有效的JSON" not in body and "Enter a valid JSON" not in body
    assert escape(text) in body  # what was typed is kept for correcting
    draft.refresh_from_db()
    assert draft.form == basic_form


def test_a_duplicate_key_is_refused_rather_than_silently_dropped(admin_client, draft):
    text = '{"kind": "form", "kind": "flow"}'
    response = admin_client.post(
        _change_url(draft), {"form": text, "flow": _text(draft.flow), "_save": "1"}
    )
    assert response.status_code == 200
    assert "JSON 对象中键 &#x27;kind&#x27; 重复。" in response.content.decode()


def test_a_draft_with_problems_is_saved_and_every_problem_is_explained(
    admin_client, draft, basic_form, basic_flow
):
    broken = _broken(basic_flow)
    response = admin_client.post(
        _change_url(draft),
        {"form": _text(basic_form), "flow": _text(broken), "_continue": "1"},
        follow=True,
    )
    body = response.content.decode()
    problems = check_pair("basic", basic_form, broken)
    assert f"Saved with {len(problems)} problems" not in body  # Chinese by default
    assert f"已保存，但有 {len(problems)} 个问题" in body
    _assert_every_problem_explained(body, problems)
    draft.refresh_from_db()
    assert draft.flow == broken
    # The change page lists them too (twice now: the message and the page's own list).
    page = admin_client.get(_change_url(draft)).content.decode()
    _assert_every_problem_explained(page, problems)


def test_the_problems_are_explained_in_english_when_the_page_is(
    admin_client, draft, basic_form, basic_flow
):
    _english(admin_client)
    broken = _broken(basic_flow)
    save_draft("basic", basic_form, broken, None)
    page = admin_client.get(_change_url(draft)).content.decode()
    _assert_every_problem_explained(page, check_pair("basic", basic_form, broken), "en")


def test_a_valid_draft_says_it_can_be_published(admin_client, draft):
    page = admin_client.get(_change_url(draft)).content.decode()
    assert "没有问题，草稿可以发布。" in page


def test_updated_by_is_the_person_who_saved_and_is_read_only(admin_client, admin_user, draft):
    page = admin_client.get(_change_url(draft)).content.decode()
    assert 'name="updated_by"' not in page
    assert 'name="document_type"' not in page  # a draft stays with its type
    admin_client.post(
        _change_url(draft),
        {"form": _text(draft.form), "flow": _text(draft.flow), "updated_by": "", "_save": "1"},
    )
    draft.refresh_from_db()
    assert draft.updated_by == admin_user


def test_adding_a_draft_records_who_added_it(admin_client, admin_user, basic_form, basic_flow):
    draft = save_draft("basic", basic_form, basic_flow, None)
    document_type = draft.document_type
    draft.delete()
    response = admin_client.post(
        reverse("admin:definitions_draft_add"),
        {
            "document_type": document_type.pk,
            "form": _text(basic_form),
            "flow": _text(basic_flow),
            "_save": "1",
        },
    )
    assert response.status_code == 302
    assert Draft.objects.get().updated_by == admin_user


def _publish(client, drafts) -> str:
    response = client.post(
        reverse("admin:definitions_draft_changelist"),
        {"action": "publish_drafts", "_selected_action": [d.pk for d in drafts]},
        follow=True,
    )
    return response.content.decode()


def test_publishing_lists_every_problem_with_its_explanation(admin_client, basic_form, basic_flow):
    broken = _broken(basic_flow)
    draft = save_draft("basic", basic_form, broken, None)
    body = _publish(admin_client, [draft])
    problems = check_pair("basic", basic_form, broken)
    assert f"基本流程 未发布：{len(problems)} 个问题：" in body
    _assert_every_problem_explained(body, problems)
    assert not DefinitionVersion.objects.exists()


@pytest.mark.parametrize(
    ("english", "expected"),
    [(False, "基本流程 已发布为第 1 版。"), (True, "Basic flow published as version 1.")],
)
def test_publishing_names_the_document_type_in_the_page_language(
    admin_client, draft, english, expected
):
    if english:
        _english(admin_client)
    assert expected in _publish(admin_client, [draft])

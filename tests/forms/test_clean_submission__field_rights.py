"""A node's field rights: hidden never shown nor taken, read-only only unchanged, required there."""

from __future__ import annotations

import pytest

from gongwen.forms import (
    InvalidSubmission,
    Stage,
    clean_submission,
    field_rights,
    opinion_fields,
    visible_data,
)
from tests.forms.samples import sample

STORED = {
    **sample("notice"),
    "review_opinion": "同意",
    "sign_opinion": "同意签发",
}


def _problems(form, data, **options) -> list[tuple[str, str]]:
    with pytest.raises(InvalidSubmission) as refused:
        clean_submission(form, data, **options)
    return [(p.pointer, p.code) for p in refused.value.problems]


def test_a_hidden_field_is_not_returned_to_the_person(notice_form, notice_rights) -> None:
    shown = visible_data(notice_form, notice_rights["section_review"], STORED)
    assert "sign_opinion" not in shown
    assert shown["review_opinion"] == "同意"
    assert "review_opinion" not in visible_data(notice_form, notice_rights["draft"], STORED)


def test_a_hidden_field_is_not_accepted_even_unchanged(notice_form, notice_rights) -> None:
    fields = notice_rights["section_review"]
    sent = {"sign_opinion": "同意签发"}
    assert _problems(notice_form, sent, fields=fields, previous=STORED, stage=Stage.NODE) == [
        ("/sign_opinion", "form.hidden_field")
    ]


def test_a_hidden_field_is_not_accepted_at_the_start(notice_form, notice_rights) -> None:
    data = sample("notice", review_opinion="我自己审核")
    assert _problems(notice_form, data, fields=notice_rights["draft"]) == [
        ("/review_opinion", "form.hidden_field")
    ]


def test_a_read_only_field_changed_is_refused_with_its_pointer(notice_form, notice_rights) -> None:
    fields = notice_rights["section_review"]  # main_recipients not named: read-only there
    sent = {"main_recipients": "全县各单位"}
    assert _problems(notice_form, sent, fields=fields, previous=STORED, stage=Stage.NODE) == [
        ("/main_recipients", "form.read_only")
    ]


def test_a_read_only_field_sent_unchanged_is_accepted(notice_form, notice_rights) -> None:
    fields = notice_rights["section_review"]
    sent = {"main_recipients": STORED["main_recipients"], "title": "关于做好冬季防火工作的通知"}
    cleaned = clean_submission(notice_form, sent, fields=fields, previous=STORED, stage=Stage.NODE)
    assert cleaned == {**STORED, "title": "关于做好冬季防火工作的通知"}


def test_true_is_not_an_unchanged_one(small_form) -> None:
    previous = {"title": "t", "qty": 1}
    fields = {"qty": "readonly"}
    assert _problems(small_form, {"qty": True}, fields=fields, previous=previous) == [
        ("/qty", "form.read_only"),
        ("/qty", "form.wrong_type"),
    ]
    assert clean_submission(small_form, {"qty": 1.0}, fields=fields, previous=previous)


def test_required_is_enforced_at_the_node_that_requires_it(notice_form, notice_rights) -> None:
    before = {**STORED, "review_opinion": None}
    node = {"fields": notice_rights["office_review"], "previous": before, "stage": Stage.NODE}
    assert _problems(notice_form, {}, **node) == [("/review_opinion", "form.required")]
    assert _problems(notice_form, {"review_opinion": "  "}, **node) == [
        ("/review_opinion", "form.required")
    ]
    assert clean_submission(notice_form, {"review_opinion": "同意"}, **node)["review_opinion"]


def test_a_node_that_does_not_require_it_lets_it_be_empty(notice_form, notice_rights) -> None:
    before = {**STORED, "review_opinion": None}
    fields = notice_rights["section_review"]
    assert clean_submission(notice_form, {}, fields=fields, previous=before, stage=Stage.NODE)


def test_at_the_start_the_forms_required_fields_must_be_filled(notice_form, notice_rights) -> None:
    data = sample("notice", summary=None)
    del data["publicity"]
    assert _problems(notice_form, data, fields=notice_rights["draft"]) == [
        ("/summary", "form.required"),
        ("/publicity", "form.required"),
    ]


def test_a_draft_may_be_incomplete_but_not_wrong(notice_form, notice_rights) -> None:
    draft = {"fields": notice_rights["draft"], "stage": Stage.DRAFT}
    assert clean_submission(notice_form, {"title": None}, **draft) == {"title": None}
    assert _problems(notice_form, {"title": 1, "x": 2}, **draft) == [
        ("/title", "form.wrong_type"),
        ("/x", "form.unknown_field"),
    ]
    assert _problems(notice_form, {"sign_opinion": "x"}, **draft) == [
        ("/sign_opinion", "form.hidden_field")
    ]


def test_a_require_rule_holds_at_the_start(notice_form) -> None:
    data = sample("notice", countersign="yes")
    assert _problems(notice_form, data) == [("/countersigners", "form.required")]
    assert clean_submission(notice_form, {**data, "countersigners": ["chenming"]})


def test_rights_default_to_the_forms_own_editable_at_start_read_only_elsewhere(
    notice_form, notice_rights
) -> None:
    start = field_rights(notice_form, notice_rights["draft"], stage=Stage.START)
    node = field_rights(notice_form, notice_rights["sign"], stage=Stage.NODE)
    assert (start["title"], start["review_opinion"]) == ("editable", "hidden")
    assert (node["title"], node["sign_opinion"]) == ("readonly", "required")


def test_a_computed_field_is_never_writable(small_form) -> None:
    rights = field_rights(small_form, {"total": "editable"}, stage=Stage.START)
    assert rights["total"] == "readonly"


def test_the_opinion_fields_a_step_writes(notice_form, notice_rights) -> None:
    assert opinion_fields(notice_form, notice_rights["office_review"], stage=Stage.NODE) == [
        "review_opinion"
    ]
    assert opinion_fields(notice_form, notice_rights["number"], stage=Stage.NODE) == []


def test_without_a_form_the_nodes_rights_still_apply() -> None:
    fields = {"secret": "hidden", "locked": "readonly"}
    assert _problems(None, {"secret": 1, "locked": 2}, fields=fields, previous={"locked": 1}) == [
        ("/secret", "form.hidden_field"),
        ("/locked", "form.read_only"),
    ]
    node = {"previous": {"other": 1}, "stage": Stage.NODE}
    assert _problems(None, {"other": 2}, **node) == [("/other", "form.read_only")]

"""Form data is checked against the form's data schema: every problem, each with its pointer."""

from __future__ import annotations

import pytest

from gongwen.errors import InvalidRequest
from gongwen.forms import MAX_BYTES, InvalidSubmission, Stage, clean_submission
from tests.forms.samples import sample


def _problems(form, data, **options) -> list[tuple[str, str]]:
    with pytest.raises(InvalidSubmission) as refused:
        clean_submission(form, data, **options)
    return [(p.pointer, p.code) for p in refused.value.problems]


def test_valid_notice_data_is_accepted_as_sent(notice_form) -> None:
    data = sample("notice")
    assert clean_submission(notice_form, data) == data


def test_a_wrong_type_is_refused_with_the_fields_pointer(notice_form) -> None:
    with pytest.raises(InvalidSubmission) as refused:
        clean_submission(notice_form, sample("notice", title=42))
    error = refused.value
    assert isinstance(error, InvalidRequest)  # the one error type, HTTP 400
    assert (error.code, error.status, error.pointer) == ("form.invalid", 400, "/title")
    assert [(p.pointer, p.code) for p in error.problems] == [("/title", "form.wrong_type")]


def test_an_unknown_field_is_refused(notice_form) -> None:
    assert _problems(notice_form, sample("notice", amount=5)) == [("/amount", "form.unknown_field")]


@pytest.mark.parametrize("text", ["标\x00题", "\ud800", "bell\x07"])
def test_text_that_cannot_be_stored_is_refused(notice_form, text) -> None:
    assert _problems(notice_form, sample("notice", summary=text)) == [
        ("/summary", "form.unstorable_text")
    ]


def test_a_nul_in_a_key_is_refused_too(notice_form) -> None:
    assert ("", "form.unstorable_text") in _problems(notice_form, {"ti\x00tle": "x"})


def test_every_problem_is_reported_in_form_order(notice_form) -> None:
    data = {
        "title": "x" * 201,
        "countersign": "maybe",
        "effective_date": "2026-02-30",
        "publicity": "public",
        "bogus": 1,
    }
    assert _problems(notice_form, data) == [
        ("/title", "form.too_long"),
        ("/main_recipients", "form.required"),
        ("/countersign", "form.not_an_option"),
        ("/effective_date", "form.bad_format"),
        ("/summary", "form.required"),
        ("/bogus", "form.unknown_field"),
    ]


def test_the_message_counts_the_problems_and_says_the_first(notice_form) -> None:
    with pytest.raises(InvalidSubmission) as refused:
        clean_submission(notice_form, {"title": 1, "bogus": 2}, stage=Stage.DRAFT)
    body = refused.value.as_dict()
    assert body["code"] == "form.invalid"
    assert body["pointer"] == "/title"
    assert "2" in body["message"]
    assert [p["code"] for p in body["problems"]] == ["form.wrong_type", "form.unknown_field"]


def test_a_table_rows_columns_are_checked(small_form) -> None:
    data = {"title": "t", "items": [{"item": "a", "cost": -1}, {"cost": 1}, {"item": "c", "x": 1}]}
    assert _problems(small_form, data) == [
        ("/items/0/cost", "form.below_minimum"),
        ("/items/1/item", "form.required"),
        ("/items/2/x", "form.unknown_field"),
    ]


def test_integer_and_minimum_are_checked(small_form) -> None:
    assert _problems(small_form, {"title": "t", "qty": 1.5}) == [("/qty", "form.wrong_type")]
    assert _problems(small_form, {"title": "t", "qty": 0}) == [("/qty", "form.below_minimum")]


def test_booleans_are_not_numbers(small_form) -> None:
    assert _problems(small_form, {"title": "t", "qty": True}) == [("/qty", "form.wrong_type")]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ([], "form.not_an_object"),
        ("text", "form.not_an_object"),
        ({"title": float("nan")}, "form.not_json"),
        ({"title": {1, 2}}, "form.not_json"),
        ({"title": 2**60}, "form.not_json"),
        ({"summary": "字" * MAX_BYTES}, "form.too_large"),
    ],
)
def test_what_is_not_plain_bounded_json_is_refused_first(notice_form, data, code) -> None:
    assert [c for _, c in _problems(notice_form, data)] == [code]


def test_hostile_depth_is_refused_without_recursion(notice_form) -> None:
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    assert _problems(notice_form, {"summary": deep}) == [("", "form.too_deep")]


def test_a_self_referencing_value_is_refused(notice_form) -> None:
    loop: dict = {}
    loop["again"] = loop
    assert _problems(notice_form, {"summary": loop}) == [("", "form.too_deep")]


def test_without_a_form_only_storability_is_checked() -> None:
    assert clean_submission(None, {"anything": [1, {"x": "y"}]}) == {"anything": [1, {"x": "y"}]}
    assert _problems(None, {"anything": "\x00"}) == [("/anything", "form.unstorable_text")]

"""Hostile text (huge titles, control characters, RTL marks, wrong types) gives problems."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongwen.documents.content import ListBlock, Paragraph, Table
from gongwen.documents.elements import Attachment
from gongwen.documents.formatcheck import check
from gongwen.documents.formatcheck.specs import default_rules
from tests.documents.test_formatcheck__rules import NOTICE, REQUEST, TODAY


def run(elements):
    problems = check(elements, today=TODAY, rules=default_rules())
    assert not [p.code for p in problems if p.code.endswith(".rule_failed")]
    return problems


def test_a_megabyte_title_is_one_problem_per_rule() -> None:
    problems = run(replace(NOTICE, title="安" * 1_000_000))
    assert [p.code for p in problems] == ["title.kind_suffix", "title.length"]
    assert len(problems[1].message_zh) < 100


def test_rtl_marks_and_controls_everywhere_are_reported_and_bounded() -> None:
    evil = "正文\u202e\u2066\x00\x1b[31m"
    body = tuple(Paragraph(evil) for _ in range(5000))
    problems = run(replace(NOTICE, title=evil + "的通知", body=body, cc=(evil,) * 3))
    hygiene = [p for p in problems if p.code.startswith("text.hygiene")]
    assert hygiene[0].field == "title" and hygiene[0].code == "text.hygiene.bidi"
    assert len(hygiene) == 21 and hygiene[-1].code == "text.hygiene.truncated"
    assert "U+202E" in hygiene[0].message_en


def test_lone_surrogates_and_nul_do_not_break_the_check() -> None:
    run(replace(REQUEST, title="\ud800\x00请示", note="\udfff", signers=("\x00",)))


def test_values_of_the_wrong_type_are_problems() -> None:
    odd = replace(
        NOTICE,
        title=None,
        date=12345,
        printing_date=object(),
        main_recipients=None,
        attachments=(Attachment(name=""),),
        body=(ListBlock(items=("见附件",)), Table(rows=(("附件：1.x",),))),
    )
    codes = [p.code for p in run(odd)]
    assert {"title.required", "date.format.form", "printing_date.order.form"} <= set(codes)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=st.text(max_size=300),
    paragraphs=st.lists(st.text(max_size=200), max_size=8),
    number=st.text(max_size=40),
    copy=st.text(max_size=10),
    recipients=st.lists(st.text(max_size=30), max_size=4),
)
def test_any_text_gives_problems_never_exceptions(title, paragraphs, number, copy, recipients):
    elements = replace(
        REQUEST,
        title=title,
        body=tuple(Paragraph(p) for p in paragraphs),
        doc_number=number,
        copy_number=copy,
        main_recipients=tuple(recipients),
    )
    for problem in run(elements):
        assert problem.message_zh and problem.message_en


@pytest.mark.parametrize("length", [0, 1, 61, 10_000])
def test_number_text_of_any_length_is_judged(length: int) -> None:
    run(replace(NOTICE, doc_number="〔" * length))

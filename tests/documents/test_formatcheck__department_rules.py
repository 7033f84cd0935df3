"""Department rules are data: they apply to the unit and its subunits; bad data is refused."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from gongwen.documents.content import Paragraph
from gongwen.documents.formatcheck import check
from gongwen.documents.formatcheck.models import FormatRule
from tests.documents.test_formatcheck__rules import NOTICE, TODAY

pytestmark = pytest.mark.django_db


def add_rule(department=None, **fields) -> FormatRule:
    data = {
        "code": "fgj.no_slang",
        "rule_type": "keywords_forbidden",
        "severity": "warning",
        "params": {"elements": ["body", "title"], "keywords": ["抓手", "赋能"]},
        "message_zh": "请勿使用“{keyword}”等套话。",
        "message_en": "Avoid jargon such as “{keyword}”.",
        **fields,
    }
    rule = FormatRule(department=department, **data)
    rule.full_clean()
    rule.save()
    return rule


def slangy(elements=NOTICE):
    return replace(elements, body=(Paragraph("以安全检查为抓手。"),))


def test_a_department_rule_applies_to_the_department_and_its_sections(demo) -> None:
    add_rule(department=demo["depts"]["fgj"])
    for unit in ("fgj", "fgj-ghk"):
        problems = check(slangy(), department=demo["depts"][unit], today=TODAY)
        assert [(p.code, p.field) for p in problems] == [("fgj.no_slang", "body[0]")]
        assert problems[0].message_zh == "请勿使用“抓手”等套话。"
    assert check(slangy(), department=demo["depts"]["czj"], today=TODAY) == []
    assert check(slangy(), today=TODAY) == []


def test_a_rule_for_everyone_applies_without_a_department(demo) -> None:
    add_rule(code="all.no_slang")
    assert [p.code for p in check(slangy(), today=TODAY)] == ["all.no_slang"]
    assert [p.code for p in check(slangy(), department=demo["depts"]["czj"], today=TODAY)] == [
        "all.no_slang"
    ]


def test_inactive_rules_and_other_kinds_are_skipped() -> None:
    add_rule(is_active=False)
    add_rule(code="reports.no_slang", kinds=["报告"])
    assert check(slangy(), today=TODAY) == []


def test_required_keywords_and_required_elements_as_data() -> None:
    add_rule(
        code="all.cc_required",
        rule_type="required_element",
        severity="error",
        params={"element": "cc"},
    )
    add_rule(
        code="all.safety_words",
        rule_type="keywords_required",
        params={"elements": ["body"], "keywords": ["安全", "消防"], "mode": "all"},
    )
    found = [p.code for p in check(replace(slangy(), cc=()), today=TODAY)]
    assert found == ["all.cc_required", "all.safety_words"]


@pytest.mark.parametrize(
    ("mode", "text", "flagged"),
    [
        ("must_match", "县政办发〔2026〕12号", False),
        ("must_not_match", "县政办发〔2026〕12号", True),
    ],
)
def test_a_regex_rule_checks_an_element(mode: str, text: str, flagged: bool) -> None:
    add_rule(
        code="all.number_pattern",
        rule_type="element_regex",
        params={"element": "doc_number", "pattern": r"^县政办发〔\d{4}〕\d+号$", "mode": mode},
    )
    found = [p.code for p in check(replace(NOTICE, doc_number=text), today=TODAY)]
    assert found == (["all.number_pattern"] if flagged else [])


def test_a_catastrophic_pattern_times_out_as_a_problem() -> None:
    add_rule(
        code="all.evil",
        rule_type="element_regex",
        params={"element": "title", "pattern": r"^(a|aa)+$", "mode": "must_match"},
    )
    started = time.monotonic()
    problems = check(replace(NOTICE, title="a" * 40 + "!的通知"), today=TODAY)
    assert time.monotonic() - started < 5
    assert "all.evil.timeout" in [p.code for p in problems]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"rule_type": "title_punctuation"}, "not open to department rules"),
        ({"params": {"elements": ["body"]}}, "'keywords' is a required property"),
        ({"params": {"elements": ["nonsense"], "keywords": ["x"]}}, "nonsense"),
        ({"kinds": ["报表"]}, "报表"),
        ({"code": "Not A Code"}, "dotted lower-case"),
        ({"code": "title.kind_suffix"}, "shipped rule"),
        (
            {"rule_type": "element_regex", "params": {"element": "title", "pattern": "(" * 300}},
            "pattern",
        ),
        (
            {"rule_type": "element_regex", "params": {"element": "title", "pattern": "([a-"}},
            "does not compile",
        ),
    ],
)
def test_bad_rule_data_is_refused_with_a_reason_and_nothing_saved(fields, message) -> None:
    with pytest.raises(ValidationError) as excinfo:
        add_rule(**fields)
    assert message in str(excinfo.value)
    assert not FormatRule.objects.exists()


def test_a_stored_rule_that_no_longer_validates_is_reported_not_ignored() -> None:
    rule = add_rule()
    FormatRule.objects.filter(pk=rule.pk).update(params={"elements": ["body"]})
    problems = check(slangy(), today=TODAY)
    assert [(p.code, p.severity) for p in problems] == [("format.rule_invalid", "warning")]
    assert "fgj.no_slang" in problems[0].message_en


def test_messages_are_filled_by_name_only_never_formatted() -> None:
    add_rule(message_en="{keyword} {0.__class__} {keyword.__class__}", message_zh="{missing}")
    problem = check(slangy(), today=TODAY)[0]
    assert problem.message_en == "抓手 {0.__class__} {keyword.__class__}"
    assert problem.message_zh == "{missing}"


def test_check_uses_today_in_shanghai_by_default(monkeypatch) -> None:
    # 24 Nov 16:30 UTC is 25 Nov in Shanghai: a date 7 days after the 25th is still allowed.
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 11, 24, 16, 30, tzinfo=UTC))
    assert check(replace(NOTICE, date=date(2026, 12, 2), printing_date=None)) == []
    found = [p.code for p in check(replace(NOTICE, date=date(2026, 12, 3), printing_date=None))]
    assert found == ["date.format.future"]

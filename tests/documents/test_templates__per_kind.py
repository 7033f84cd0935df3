"""Every kind has a template; a draft from it has a title the format check accepts."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from gongwen.documents.formatcheck import check
from gongwen.documents.formatcheck.specs import default_rules
from gongwen.documents.kinds import Direction, Kind
from gongwen.documents.templates import (
    TEMPLATES,
    TemplateDataError,
    render_pattern,
    start_draft,
    template_for,
)

TODAY = date(2026, 11, 25)


def test_all_fifteen_kinds_have_a_template() -> None:
    assert set(TEMPLATES) == set(Kind)


@pytest.mark.parametrize("kind", list(Kind))
def test_a_draft_title_passes_the_title_rules(kind: Kind) -> None:
    draft = start_draft(
        kind,
        subject="做好冬季安全生产工作",
        organ="清河县人民政府",
        superior="市人民政府",
        recipient="县财政局",
        today=TODAY,
    )
    assert draft.kind == kind and draft.body
    title_codes = [
        p.code for p in check(draft, today=TODAY, rules=default_rules()) if p.field == "title"
    ]
    assert title_codes == []


def test_a_notice_starts_with_recipients_and_heading_levels() -> None:
    draft = start_draft(Kind.NOTICE, subject="做好冬季安全生产工作", organ="清河县人民政府办公室")
    assert draft.title == "清河县人民政府办公室关于做好冬季安全生产工作的通知"
    assert draft.main_recipients == ("各乡镇人民政府", "县政府各部门")
    assert [b.level for b in draft.body][:4] == [0, 1, 2, 3]
    assert draft.body[1].text.startswith("一、") and draft.body[2].text.startswith("（一）")


def test_a_request_goes_up_to_the_one_superior_and_asks_once() -> None:
    draft = start_draft(
        Kind.REQUEST,
        subject="申请校舍改造资金",
        organ="清河县教育局",
        superior="清河县人民政府",
        today=TODAY,
    )
    assert draft.direction == Direction.UP
    assert draft.main_recipients == ("清河县人民政府",)
    filled = replace(
        draft,
        doc_number="县教发〔2026〕3号",
        signers=("王伟",),
        date=TODAY,
        note="（联系人：李明，电话：0000-1234567）",
    )
    assert [p.code for p in check(filled, today=TODAY, rules=default_rules())] == []


@pytest.mark.parametrize(
    "pattern",
    [
        "{% for i in range(99999) %}x{% endfor %}",
        "{{ 'a' * 1000000000 }}",
        "{{ subject.__class__.__mro__ }}",
        "{{ cycler.__init__.__globals__ }}",
        "{# hidden #}",
        "{{ nope }}",
        "{{ subject|truncate(5) }}",
        "x" * 501,
    ],
)
def test_hostile_patterns_are_refused_before_rendering(pattern: str) -> None:
    with pytest.raises(TemplateDataError):
        render_pattern(pattern, {"subject": "s"})


def test_values_must_be_short_text() -> None:
    with pytest.raises(TemplateDataError):
        start_draft(Kind.NOTICE, subject="长" * 201)
    with pytest.raises(TemplateDataError):
        render_pattern("{{ subject }}", {"subject": 3})
    with pytest.raises(TemplateDataError):
        start_draft("报表", subject="x")


def test_filters_without_arguments_are_allowed() -> None:
    assert render_pattern("关于{{ subject|trim }}的通知", {"subject": "  x "}) == "关于x的通知"


def test_every_template_a_shipped_definition_names_exists() -> None:
    flow_defs = Path(__file__).resolve().parents[2] / "flow_defs"
    named = {
        json.loads(p.read_text(encoding="utf-8"))["document"]["template"]
        for p in flow_defs.glob("*.json")
    } - {None}
    assert named
    for key in named:
        assert template_for(key).key == key
    assert template_for("notice") is template_for(Kind.NOTICE) is template_for("通知")

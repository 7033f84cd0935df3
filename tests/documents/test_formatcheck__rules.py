"""Every shipped rule: a well-formed document passes, and each fault gives its exact code."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from gongwen.documents.content import Paragraph
from gongwen.documents.elements import Attachment, DocumentElements
from gongwen.documents.formatcheck import Severity, check
from gongwen.documents.kinds import Direction, Kind, Secrecy

TODAY = date(2026, 11, 25)

NOTICE = DocumentElements(
    kind=Kind.NOTICE,
    title="清河县人民政府办公室关于做好2026年冬季安全生产工作的通知",
    organ_name="清河县人民政府办公室",
    doc_number="县政办发〔2026〕12号",
    main_recipients=("各乡镇人民政府", "县政府各部门"),
    body=(
        Paragraph("为切实做好冬季安全生产工作，现就有关事项通知如下："),
        Paragraph("一、提高认识", level=1),
        Paragraph("具体安排见附件。"),
        Paragraph("附件：1.检查安排表"),
        Paragraph("2.联系人名单"),
    ),
    attachments=(Attachment("检查安排表"), Attachment("联系人名单.docx")),
    signature_organ="清河县人民政府办公室",
    date=TODAY,
    cc=("县委办公室",),
    printing_organ="清河县人民政府办公室",
    printing_date=TODAY,
)
REQUEST = DocumentElements(
    kind=Kind.REQUEST,
    direction=Direction.UP,
    title="清河县教育局关于申请改造城关小学校舍的请示",
    organ_name="清河县教育局",
    doc_number="县教发〔2026〕3号",
    signers=("王伟",),
    main_recipients=("清河县人民政府",),
    body=(
        Paragraph("城关小学校舍建于1985年，经鉴定为C级危房。"),
        Paragraph("为保障师生安全，拟于2027年暑期改造，所需资金120万元。妥否，请批示。"),
    ),
    signature_organ="清河县教育局",
    date=TODAY,
    note="（联系人：李明，电话：0000-1234567）",
)
REPORT = replace(
    REQUEST,
    kind=Kind.REPORT,
    title="清河县教育局关于2026年秋季开学工作情况的报告",
    body=(Paragraph("现将我县2026年秋季开学工作情况报告如下。"),),
    note="",
)
BASES = {"notice": NOTICE, "request": REQUEST, "report": REPORT}


def codes(elements: DocumentElements) -> list[str]:
    return [p.code for p in check(elements, today=TODAY, rules=None)]


@pytest.mark.django_db
@pytest.mark.parametrize("base", BASES)
def test_well_formed_documents_have_no_problems(base: str) -> None:
    assert check(BASES[base], today=TODAY) == []


CASES = [
    ("text.hygiene.bidi", "notice", {"title": "关于\u202e做好工作的通知"}),
    ("text.hygiene.control", "notice", {"cc": ("县委\x07办公室",)}),
    ("text.hygiene.invisible", "notice", {"organ_name": "清河县\u200b人民政府办公室"}),
    ("title.required", "notice", {"title": "  "}),
    ("title.kind_suffix", "notice", {"title": "关于做好冬季安全生产工作的安排"}),
    ("title.punctuation.trailing", "notice", {"title": "关于做好冬季安全生产工作的通知。"}),
    ("title.punctuation.forbidden", "notice", {"title": "关于做好冬季安全生产、消防工作，的通知"}),
    ("title.punctuation.unbalanced", "notice", {"title": "关于印发《安全生产检查办法的通知"}),
    ("title.length", "notice", {"title": "关于" + "安全" * 50 + "的通知"}),
    ("body.required", "notice", {"body": (Paragraph(" "),), "attachments": ()}),
    ("organ_name.required", "notice", {"organ_name": ""}),
    ("doc_number.required", "notice", {"doc_number": ""}),
    ("doc_number.format.brackets", "notice", {"doc_number": "县政办发[2026]12号"}),
    ("doc_number.format.ordinal", "notice", {"doc_number": "县政办发〔2026〕第12号"}),
    ("doc_number.format.leading_zero", "notice", {"doc_number": "县政办发〔2026〕012号"}),
    ("doc_number.format.year", "notice", {"doc_number": "县政办发〔26〕12号"}),
    ("doc_number.format.spaces", "notice", {"doc_number": "县政办发 〔2026〕12号"}),
    ("doc_number.format.malformed", "notice", {"doc_number": "12"}),
    ("doc_number.year", "notice", {"doc_number": "县政办发〔2025〕12号"}),
    ("main_recipients.required", "notice", {"main_recipients": ()}),
    ("signers.required", "request", {"signers": ()}),
    ("signature_organ.required", "notice", {"signature_organ": ""}),
    ("date.required", "notice", {"date": None, "printing_date": None}),
    ("date.format.form", "notice", {"date": "2026年01月05日", "printing_date": None}),
    ("date.format.form", "notice", {"date": "二〇二六年十一月二十五日", "printing_date": None}),
    ("date.format.future", "notice", {"date": TODAY + timedelta(days=8), "printing_date": None}),
    ("printing_date.order.before", "notice", {"printing_date": TODAY - timedelta(days=1)}),
    ("printing_date.order.form", "notice", {"printing_date": "明天"}),
    ("request.single_recipient.none", "request", {"main_recipients": ()}),
    ("request.single_recipient.several", "request", {"main_recipients": ("县政府", "县委")}),
    ("report.single_recipient.several", "report", {"main_recipients": ("县政府", "县委")}),
    (
        "request.single_matter.markers",
        "request",
        {"body": (Paragraph("请示事项一：校舍。"), Paragraph("请示事项二：操场。"))},
    ),
    (
        "request.single_matter.asks",
        "request",
        {"body": (Paragraph("拟改造校舍，请批准。"), Paragraph("另拟新建操场，请审批。"))},
    ),
    (
        "request.single_matter.enumerated",
        "request",
        {"body": (Paragraph("一是改造校舍，二是新建操场，妥否，请批示。"),)},
    ),
    ("request.contact_note", "request", {"note": ""}),
    ("report.no_request", "report", {"body": (Paragraph("以上报告，妥否，请批复。"),)}),
    ("copy_number.format", "notice", {"copy_number": "12"}),
    ("secrecy.marks.period", "notice", {"secrecy": Secrecy.SECRET, "copy_number": "000012"}),
    (
        "secrecy.marks.copy_number",
        "notice",
        {"secrecy": Secrecy.CONFIDENTIAL, "secrecy_period": "10年"},
    ),
    ("attachments.names.empty", "notice", {"attachments": (Attachment(" "),), "body": ()}),
    (
        "attachments.names.punctuation",
        "notice",
        {"attachments": (Attachment("检查安排表。"), Attachment("联系人名单"))},
    ),
    (
        "attachments.names.duplicate",
        "notice",
        {"attachments": (Attachment("检查安排表"), Attachment("检查安排表"))},
    ),
    ("attachments.note.count", "notice", {"attachments": (Attachment("检查安排表"),)}),
    (
        "attachments.note.names",
        "notice",
        {"attachments": (Attachment("联系人名单"), Attachment("检查安排表"))},
    ),
    ("attachments.referenced", "notice", {"attachments": (), "body": NOTICE.body[:3]}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "base", "changes"), CASES, ids=[c[0] for c in CASES])
def test_each_fault_is_reported_with_its_code(code: str, base: str, changes: dict) -> None:
    found = codes(replace(BASES[base], **changes))
    assert code in found, found


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes",
    [
        {"title": "关于印发《清河县安全生产“十四五”规划》的通知"},
        {"title": "关于转发县财政局、县教育局（联合）文件的通知"},
        {"date": "2026年11月5日", "printing_date": None},
        {"date": TODAY + timedelta(days=7), "printing_date": TODAY + timedelta(days=7)},
        {"secrecy": Secrecy.SECRET, "secrecy_period": "10年", "copy_number": "000012"},
        {"body": NOTICE.body[:2], "attachments": ()},
    ],
)
def test_allowed_variants_pass(changes: dict) -> None:
    assert codes(replace(NOTICE, **changes)) == []


@pytest.mark.django_db
def test_an_order_numbers_its_decree_with_di_and_ends_with_ling() -> None:
    order = replace(
        NOTICE,
        kind=Kind.ORDER,
        title="清河县人民政府令",
        doc_number="第12号",
        main_recipients=(),
        body=(Paragraph("《清河县城市管理办法》已经县政府常务会议通过，现予公布。"),),
        attachments=(),
    )
    assert codes(order) == []


@pytest.mark.django_db
def test_every_problem_is_listed_at_once_with_both_languages() -> None:
    broken = replace(
        REQUEST, title="申请资金。", doc_number="县教发[2026]第03号", note="", signers=()
    )
    problems = check(broken, today=TODAY)
    assert {p.code for p in problems} >= {
        "title.kind_suffix",
        "title.punctuation.trailing",
        "doc_number.format.brackets",
        "doc_number.format.ordinal",
        "doc_number.format.leading_zero",
        "request.contact_note",
        "signers.required",
    }
    assert all(p.message_zh and p.message_en and p.field for p in problems)
    assert all(p.severity in (Severity.ERROR, Severity.WARNING) for p in problems)


@pytest.mark.django_db
def test_heuristic_rules_are_warnings_and_structural_ones_errors() -> None:
    problems = check(replace(REPORT, body=(Paragraph("妥否，请批复。"),)), today=TODAY)
    assert [(p.code, p.severity) for p in problems] == [("report.no_request", Severity.WARNING)]

"""Hostile text renders to a DOCX that opens, or fails with a clear RenderError."""

from __future__ import annotations

from dataclasses import replace

import pytest

from gongwen.documents.content import Paragraph, Table
from gongwen.documents.kinds import Kind
from gongwen.documents.rendering import RenderError, render_docx
from gongwen.documents.rendering.text import MAX_BLOCKS, MAX_TITLE_CHARS
from tests.documents.docx_inspection import open_docx
from tests.fixtures.documents.samples import sample_elements

NOTICE = sample_elements(Kind.NOTICE)


def _all_text(data: bytes) -> str:
    document = open_docx(data)
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_xml_illegal_control_characters_are_removed() -> None:
    nasty = "关于\x00做好\x01\x08\x0b\x0c\x1f\ufffe\uffff工作的通知"
    elements = replace(NOTICE, title=nasty, body=(Paragraph("正文\x07内容"),),
                       main_recipients=("各部门\x1b",))  # fmt: skip
    text = _all_text(render_docx(elements))
    assert "关于做好工作的通知" in text
    assert "正文内容" in text and "各部门：" in text
    assert not any(ord(ch) < 0x20 and ch not in "\t\n" for ch in text)


def test_bidirectional_override_marks_are_removed() -> None:
    spoof = "关于\u202e知通的\u202c作工\u200f好做\u2066的通知"
    text = _all_text(render_docx(replace(NOTICE, title=spoof)))
    assert "关于知通的作工好做的通知" in text
    assert not any(ch in text for ch in "\u202e\u202c\u200f\u2066")


def test_line_breaks_in_text_stay_inside_the_paragraph() -> None:
    document = open_docx(render_docx(replace(NOTICE, body=(Paragraph("第一行\r\n第二行"),))))
    (paragraph,) = [p for p in document.paragraphs if p.text.startswith("第一行")]
    assert paragraph.text == "第一行\n第二行"


def test_a_very_long_title_wraps_and_renders() -> None:
    title = "关于" + "做好公文处理工作" * 100 + "的通知"
    assert len(title) < MAX_TITLE_CHARS
    assert title in _all_text(render_docx(replace(NOTICE, title=title)))


def test_a_title_beyond_the_limit_is_refused() -> None:
    with pytest.raises(RenderError, match="title has"):
        render_docx(replace(NOTICE, title="长" * (MAX_TITLE_CHARS + 1)))


def test_an_empty_title_is_refused() -> None:
    with pytest.raises(RenderError, match="title is empty"):
        render_docx(replace(NOTICE, title="\x00 \u202e"))


def test_ten_thousand_paragraphs_render() -> None:
    body = tuple(Paragraph(f"第{i}段。") for i in range(10_000))
    # Its cost is measured in bench/, not asserted here (no timed unit tests).
    document = open_docx(render_docx(replace(NOTICE, body=body)))
    texts = {p.text for p in document.paragraphs}
    assert {"第0段。", "第9999段。"} <= texts


def test_too_many_blocks_are_refused() -> None:
    body = (Paragraph("段"),) * (MAX_BLOCKS + 1)
    with pytest.raises(RenderError, match="blocks"):
        render_docx(replace(NOTICE, body=body))


def test_ragged_tables_are_padded() -> None:
    document = open_docx(render_docx(replace(NOTICE, body=(Table(rows=(("a", "b"), ("c",))),))))
    (table,) = document.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [["a", "b"], ["c", ""]]


def test_a_document_with_only_kind_and_title_renders() -> None:
    from gongwen.documents.elements import DocumentElements

    text = _all_text(render_docx(DocumentElements(kind=Kind.LETTER, title="关于商请的函")))
    assert "关于商请的函" in text
    assert "抄送" not in text and "签发人" not in text


def test_joint_organs_are_each_on_their_own_red_line() -> None:
    organs = ("清河县人民政府办公室", "清河县财政局", "清河县审计局")
    document = open_docx(render_docx(replace(NOTICE, organ_names=organs)))
    red = [p.text for p in document.paragraphs
           if any(r.font.color.rgb is not None and str(r.font.color.rgb) == "FF0000"
                  for r in p.runs)]  # fmt: skip
    assert red[: len(organs)] == list(organs)

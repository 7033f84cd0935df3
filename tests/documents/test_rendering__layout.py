"""Every shipped kind renders to a DOCX with the GB/T 9704 page, fonts, colours and 版记."""

from __future__ import annotations

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn

from gongwen.documents.kinds import Kind
from gongwen.documents.rendering import render_docx
from tests.documents.docx_inspection import border, open_docx, paragraph_with, run_fonts
from tests.fixtures.documents.samples import all_samples, upward_with_signers

SAMPLES = {**{k.name: e for k, e in all_samples().items()}, "UP_3_SIGNERS": upward_with_signers(
    "王明", "李强", "赵敏"
)}  # fmt: skip


@pytest.fixture(scope="module", params=sorted(SAMPLES))
def rendered(request):
    elements = SAMPLES[request.param]
    return elements, open_docx(render_docx(elements))


def test_page_is_a4_with_the_standard_margins_and_a_22_line_grid(rendered) -> None:
    _, document = rendered
    (section,) = document.sections
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    assert section.top_margin.twips == 2098  # 37 mm
    assert section.left_margin.twips == 1587  # 28 mm
    width = section.page_width.twips - section.left_margin.twips - section.right_margin.twips
    height = section.page_height.twips - section.top_margin.twips - section.bottom_margin.twips
    assert (round(width / 56.69), round(height / 56.69)) == (156, 225)
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    assert grid.get(qn("w:linePitch")) == "579"
    assert height / 579 == pytest.approx(22, abs=0.05)


def test_defaults_name_the_gb_fonts_without_theme_fonts_in_chinese(rendered) -> None:
    _, document = rendered
    defaults = document.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    assert not [a for a in fonts.attrib if "Theme" in a or "theme" in a]
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:eastAsia")) == "zh-CN"
    normal = document.styles["Normal"]
    assert normal.font.size.pt == 16
    spacing = normal.element.rPr.find(qn("w:spacing"))
    assert spacing.get(qn("w:val")) == "-5"  # 28 characters per line


def test_title_is_2hao_xiaobiaosong_centred(rendered) -> None:
    elements, document = rendered
    title = paragraph_with(document, elements.title)
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert run_fonts(title) == {("方正小标宋简体", 22.0, "")}


def test_masthead_is_red_with_a_red_separator_across_the_type_area(rendered) -> None:
    elements, document = rendered
    mark = paragraph_with(document, elements.organ_name)
    ((font, _size, colour),) = run_fonts(mark)
    assert (font, colour) == ("方正小标宋简体", "FF0000")
    number_line = paragraph_with(document, elements.doc_number) if not elements.signers else (
        paragraph_with(document, "\u3000" + elements.doc_number)
    )  # fmt: skip
    line = border(number_line, "bottom")
    assert line is not None and line["color"] == "FF0000" and line["val"] == "single"
    fmt = number_line.paragraph_format
    assert not fmt.left_indent and not fmt.right_indent and not fmt.first_line_indent
    assert border(number_line, "top") is None


def test_corner_elements_are_3hao_heiti(rendered) -> None:
    elements, document = rendered
    assert run_fonts(paragraph_with(document, elements.copy_number)) == {("黑体", 16.0, "")}
    if elements.secrecy_period:
        assert run_fonts(paragraph_with(document, "秘密★1年")) == {("黑体", 16.0, "")}
    if elements.kind is Kind.REQUEST:
        assert run_fonts(paragraph_with(document, "特急")) == {("黑体", 16.0, "")}


def test_upward_documents_show_the_signers_in_kaiti(rendered) -> None:
    elements, document = rendered
    if not elements.signers:
        assert not [p for p in document.paragraphs if "签发人" in p.text]
        return
    label = paragraph_with(document, "\t签发人：") if len(elements.signers) > 2 else (
        paragraph_with(document, "\u3000" + elements.doc_number)
    )  # fmt: skip
    assert ("楷体_GB2312", 16.0, "") in run_fonts(label)
    assert ("仿宋_GB2312", 16.0, "") in run_fonts(label)
    names = " ".join(
        p.text for p in document.paragraphs if "签发人" in p.text or "\u3000" in p.text
    )
    assert all(name in names for name in elements.signers)


def test_heading_levels_use_heiti_kaiti_fangsong(rendered) -> None:
    _, document = rendered
    expected = {
        "一、总体要求": "黑体",
        "（一）明确责任分工": "楷体_GB2312",
        "1.加强审核把关。": "仿宋_GB2312",
        "（1）严格控制发文数量。": "仿宋_GB2312",
    }
    for text, font in expected.items():
        assert run_fonts(paragraph_with(document, text)) == {(font, 16.0, "")}


def test_body_lines_are_exactly_one_grid_line(rendered) -> None:
    _, document = rendered
    body = paragraph_with(document, "为进一步做好")
    fmt = body.paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert fmt.line_spacing.twips == 579
    assert fmt.first_line_indent.twips == 630  # 首行缩进二字
    assert run_fonts(body) == {("仿宋_GB2312", 16.0, "")}


def test_date_is_arabic_and_four_characters_from_the_right(rendered) -> None:
    elements, document = rendered
    date_line = paragraph_with(document, "2026年11月25日")
    assert date_line.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert date_line.paragraph_format.right_indent.twips == 4 * 315
    organ = next(p for p in document.paragraphs if p.text == elements.signature_organ)
    assert organ.alignment == WD_ALIGN_PARAGRAPH.RIGHT  # centred over the date by its indent


def test_colophon_sits_in_frames_between_ruled_lines_in_4hao(rendered) -> None:
    _, document = rendered
    cc = paragraph_with(document, "\u3000抄送：")
    printed = paragraph_with(document, "\u3000清河县人民政府办公室\t2026年11月26日印发")
    for paragraph in (cc, printed):
        frame = paragraph._p.pPr.find(qn("w:framePr"))
        assert frame is not None and frame.get(qn("w:w")) == "8845"
        assert run_fonts(paragraph) == {("仿宋_GB2312", 14.0, "")}
    assert border(cc, "top")["sz"] == "8"  # 0.35 mm
    assert border(cc, "bottom")["sz"] == "6"  # 0.25 mm
    assert border(printed, "bottom")["sz"] == "8"  # 0.35 mm
    assert int(printed._p.pPr.find(qn("w:framePr")).get(qn("w:y"))) == 12756 - 579


def test_page_numbers_alternate_right_and_left_one_character_in(rendered) -> None:
    _, document = rendered
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    odd = section.footer.paragraphs[0]
    even = section.even_page_footer.paragraphs[0]
    assert odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert odd.paragraph_format.right_indent.twips == 280
    assert even.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert even.paragraph_format.left_indent.twips == 280
    for footer in (odd, even):
        assert footer.text.startswith("— ") and footer.text.endswith(" —")
        instructions = [t.text.strip() for t in footer._p.iter(qn("w:instrText"))]
        assert instructions == ["PAGE"]
        kinds = [f.get(qn("w:fldCharType")) for f in footer._p.iter(qn("w:fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        assert run_fonts(footer) == {("宋体", 14.0, "")}

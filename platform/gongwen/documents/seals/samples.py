"""A small 公文-shaped PDF for demos, tests and benchmarks of sealing, without LibreOffice.

It uses the standard CJK font ``STSong-Light`` (Adobe-GB1, not embedded: viewers substitute
their 宋体), so the text is real text that pdfplumber and search can find. The real 正文 comes
from the renderer (python-docx → LibreOffice); this only has the parts sealing cares about:
a title, body lines, the 发文机关署名, the 成文日期 右空四字 and a 版记 line with the 印发日期.
"""

from __future__ import annotations

import io
from datetime import date

from pyhanko.pdf_utils import generic, writer
from pyhanko.pdf_utils.generic import pdf_name

A4 = (595.28, 841.89)
_LEFT, _TOP, _TEXT_WIDTH = 79.37, 104.88, 442.2  # 28 mm, 37 mm, 156 mm
_PITCH, _BODY_PT, _TITLE_PT = 28.95, 16.0, 22.0


def sample_document_pdf(
    *,
    organ_name: str = "清河县人民政府办公室",
    title: str = "关于做好年终安全生产工作的通知",
    body: tuple[str, ...] = ("各乡镇人民政府，县政府各部门：", "现将有关事项通知如下。"),
    signed_on: date = date(2026, 11, 25),
    pages: int = 1,
) -> bytes:
    """Return a PDF of ``pages`` A4 pages; the last carries the 署名, 成文日期 and 版记."""
    out = writer.PdfFileWriter()
    font = _font(out)
    for number in range(1, pages + 1):
        lines = _page_lines(title, body, number, pages, organ_name, signed_on)
        stream = generic.StreamObject(stream_data=_content(lines))
        resources = generic.DictionaryObject(
            {pdf_name("/Font"): generic.DictionaryObject({pdf_name("/F1"): font})}
        )
        out.insert_page(writer.PageObject(out.add_object(stream), (0, 0, *A4), resources))
    buffer = io.BytesIO()
    out.write(buffer)
    return buffer.getvalue()


def date_text(day: date) -> str:
    """Return a 成文日期 as printed: Arabic numerals, no leading zeros (``2026年11月25日``)."""
    return f"{day.year}年{day.month}月{day.day}日"


Line = tuple[float, float, float, str]  # x, y, size, text


def _page_lines(
    title: str, body: tuple[str, ...], number: int, pages: int, organ: str, day: date
) -> list[Line]:
    top = A4[1] - _TOP - _BODY_PT
    lines: list[Line] = []
    if number == 1:
        lines.append((_centred(title, _TITLE_PT), top, _TITLE_PT, title))
    lines += [(_LEFT, top - (i + 2) * _PITCH, _BODY_PT, t) for i, t in enumerate(body)]
    lines.append((_LEFT, 90.0, 14.0, f"— {number} —"))
    if number == pages:
        when = date_text(day)
        date_x = _LEFT + _TEXT_WIDTH - 4 * _BODY_PT - _width(when, _BODY_PT)
        date_y = top - (len(body) + 5) * _PITCH
        organ_x = date_x + (_width(when, _BODY_PT) - _width(organ, _BODY_PT)) / 2
        lines.append((organ_x, date_y + _PITCH, _BODY_PT, organ))
        lines.append((date_x, date_y, _BODY_PT, when))
        lines.append((_LEFT, 120.0, 14.0, f"{organ}　　{when}印发"))
    return lines


def _centred(text: str, size: float) -> float:
    return _LEFT + (_TEXT_WIDTH - _width(text, size)) / 2


def _width(text: str, size: float) -> float:
    """Return the width of ``text``: ASCII is half-width (``/W`` below), the rest full."""
    return sum(size / 2 if ord(c) < 128 else size for c in text)


def _content(lines: list[Line]) -> bytes:
    ops = [b"BT"]
    for x, y, size, text in lines:
        hex_text = text.encode("utf-16-be").hex().upper().encode("ascii")
        ops.append(b"/F1 %g Tf 1 0 0 1 %.2f %.2f Tm <%s> Tj" % (size, x, y, hex_text))
    ops.append(b"ET")
    return b"\n".join(ops)


def _font(out: writer.PdfFileWriter) -> generic.IndirectObject:
    descriptor = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/FontDescriptor"),
            pdf_name("/FontName"): pdf_name("/STSong-Light"),
            pdf_name("/Flags"): generic.NumberObject(6),
            pdf_name("/FontBBox"): generic.ArrayObject(
                generic.NumberObject(v) for v in (-25, -254, 1000, 880)
            ),
            pdf_name("/ItalicAngle"): generic.NumberObject(0),
            pdf_name("/Ascent"): generic.NumberObject(880),
            pdf_name("/Descent"): generic.NumberObject(-120),
            pdf_name("/CapHeight"): generic.NumberObject(880),
            pdf_name("/StemV"): generic.NumberObject(93),
        }
    )
    cid_font = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Font"),
            pdf_name("/Subtype"): pdf_name("/CIDFontType0"),
            pdf_name("/BaseFont"): pdf_name("/STSong-Light"),
            pdf_name("/CIDSystemInfo"): generic.DictionaryObject(
                {
                    pdf_name("/Registry"): generic.TextStringObject("Adobe"),
                    pdf_name("/Ordering"): generic.TextStringObject("GB1"),
                    pdf_name("/Supplement"): generic.NumberObject(2),
                }
            ),
            pdf_name("/FontDescriptor"): out.add_object(descriptor),
            pdf_name("/DW"): generic.NumberObject(1000),
            # CIDs 1–95 of Adobe-GB1 are the half-width ASCII glyphs
            pdf_name("/W"): generic.ArrayObject(generic.NumberObject(v) for v in (1, 95, 500)),
        }
    )
    return out.add_object(
        generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Font"),
                pdf_name("/Subtype"): pdf_name("/Type0"),
                pdf_name("/BaseFont"): pdf_name("/STSong-Light"),
                pdf_name("/Encoding"): pdf_name("/UniGB-UCS2-H"),
                pdf_name("/DescendantFonts"): generic.ArrayObject([out.add_object(cid_font)]),
            }
        )
    )

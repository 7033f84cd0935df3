"""LibreOffice turns the rendered DOCX into a PDF with the GB/T 9704 geometry.

Skipped where LibreOffice is missing, except in CI (``CI`` set), where that is a failure.
One converter serves the whole module: starting LibreOffice is the slow part.
"""

from __future__ import annotations

import io
import itertools
import os
import signal
import threading
from collections import defaultdict

import pdfplumber
import pytest

from gongwen.documents.kinds import Kind
from gongwen.documents.pdf import Converter, pdf_available
from gongwen.documents.rendering import render_docx
from tests.fixtures.documents.samples import sample_elements, upward_with_signers

MM = 72 / 25.4
PITCH = 579 / 20  # points


@pytest.fixture(scope="module")
def converter():
    if not pdf_available():
        if os.environ.get("CI"):
            pytest.fail("LibreOffice must be installed in CI (.ci/run installs it)")
        pytest.skip("LibreOffice is not installed")
    converter = Converter(timeout=60)
    yield converter
    converter.stop()


@pytest.fixture(scope="module")
def notice_pdf(converter):
    data = converter.convert(render_docx(sample_elements(Kind.NOTICE)))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        yield pdf


def _lines(page) -> list[tuple[float, list[dict]]]:
    """Group the page's characters into lines (tops within 3 pt), top to bottom."""
    rows: dict[float, list[dict]] = defaultdict(list)
    for char in sorted(page.chars, key=lambda c: c["top"]):
        top = next((t for t in rows if abs(t - char["top"]) < 3), char["top"])
        rows[top].append(char)
    return [(top, sorted(rows[top], key=lambda c: c["x0"])) for top in sorted(rows)]


def _body_lines(page) -> list[tuple[float, list[dict]]]:
    return [(top, chars) for top, chars in _lines(page) if abs(chars[0]["size"] - 16) < 0.5]


def test_every_page_is_a4(notice_pdf) -> None:
    assert len(notice_pdf.pages) >= 3
    for page in notice_pdf.pages:
        assert (round(page.width / MM), round(page.height / MM)) == (210, 297)


def test_a_full_page_has_22_lines_from_37_mm_down(notice_pdf) -> None:
    page = notice_pdf.pages[2]  # a page filled with body text
    lines = _body_lines(page)
    assert len(lines) == 22
    first_top = lines[0][1][0]["top"] / MM
    assert 37 <= first_top <= 37 + (PITCH - 16) / MM  # glyphs sit inside the first line box
    tops = [chars[0]["top"] for _, chars in lines]
    steps = [b - a for a, b in itertools.pairwise(tops)]
    assert all(abs(step - PITCH) < 1 for step in steps)


def test_a_full_line_has_28_characters_across_the_type_area(notice_pdf) -> None:
    full = [chars for _, chars in _body_lines(notice_pdf.pages[2]) if len(chars) == 28]
    assert full, "no line of 28 characters"
    for chars in full:
        assert chars[0]["x0"] / MM == pytest.approx(28, abs=0.5)
        assert chars[-1]["x1"] / MM <= 184 + 0.5
    longest = max(len(chars) for _, chars in _body_lines(notice_pdf.pages[2]))
    assert longest == 28


def test_page_numbers_alternate_right_and_left(notice_pdf) -> None:
    for number, page in enumerate(notice_pdf.pages, start=1):
        (footer,) = [chars for top, chars in _lines(page) if top / MM > 262]
        assert "".join(c["text"] for c in footer).replace(" ", "") == f"—{number}—"
        top = footer[0]["top"] / MM
        assert 262 < top < 270  # the 一字线 about 7 mm under the 版心
        if number % 2:
            assert footer[-1]["x1"] / MM == pytest.approx(184 - 4.9, abs=1)
        else:
            assert footer[0]["x0"] / MM == pytest.approx(28 + 4.9, abs=1)


def test_the_red_separator_spans_the_type_area(notice_pdf) -> None:
    red = [line for line in notice_pdf.pages[0].lines if line["stroking_color"] == (1.0, 0, 0)]
    assert red
    assert red[0]["x0"] / MM == pytest.approx(28, abs=0.5)
    assert red[0]["x1"] / MM == pytest.approx(184, abs=0.5)


def test_the_colophon_rules_end_at_the_foot_of_the_last_page(notice_pdf) -> None:
    rules = sorted(notice_pdf.pages[-1].lines, key=lambda line: line["top"])
    assert [round(line["linewidth"], 2) for line in rules] == [1.0, 0.75, 1.0]
    assert rules[-1]["top"] / MM == pytest.approx(37 + 225, abs=1.5)
    assert all(line["x1"] - line["x0"] == pytest.approx(156 * MM, abs=2) for line in rules)


def test_the_organ_mark_is_35_mm_below_the_type_area_top(converter) -> None:
    data = converter.convert(render_docx(upward_with_signers("王明", "李强", "赵敏")))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        (mark,) = [chars for _, chars in _lines(pdf.pages[0]) if chars[0]["size"] > 30]
        assert mark[0]["top"] / MM == pytest.approx(37 + 35, abs=1.5)
        text = pdf.pages[0].extract_text()
    assert "签发人" in text and "赵敏" in text


def test_two_conversions_at_once_both_succeed(converter) -> None:
    docx = render_docx(sample_elements(Kind.LETTER))
    results: list[bytes] = []
    threads = [threading.Thread(target=lambda: results.append(converter.convert(docx)))
               for _ in range(2)]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(results) == 2 and all(r.startswith(b"%PDF") for r in results)


def test_a_dead_libreoffice_is_restarted(converter) -> None:
    docx = render_docx(sample_elements(Kind.REPLY))
    converter.convert(docx)
    pid = converter.server_pid
    os.kill(pid, signal.SIGKILL)
    assert converter.convert(docx).startswith(b"%PDF")
    assert converter.server_pid not in (None, pid)

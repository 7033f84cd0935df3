"""Benchmark: the 公文 pipeline — render DOCX, convert to PDF (warm converter), seal and sign.

Prints median and p95 milliseconds of each step over a few runs on the sample 通知
(tests/fixtures/documents/samples.py), and the signed PDF's verification status. Targets:
render DOCX ≤ 200 ms, warm PDF conversion ≤ 1000 ms, seal + sign ≤ 1000 ms. Exits non-zero
when a target is missed; PDF and signing are skipped (exit 0) where LibreOffice is absent.
Run: ``.venv/bin/python bench/documents.py`` (or ``make bench``).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "platform"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongwen.settings")

import django  # noqa: E402  (after the path setup)

django.setup()

from gongwen.documents.kinds import Kind  # noqa: E402
from gongwen.documents.pdf import default_converter, pdf_available  # noqa: E402
from gongwen.documents.rendering import render_docx  # noqa: E402
from gongwen.documents.seals.signing import seal_document  # noqa: E402
from gongwen.documents.seals.verification import verify_pdf  # noqa: E402
from gongwen.org.models import User  # noqa: E402
from tests.documents.test_seals__support import make_seal, pki  # noqa: E402
from tests.fixtures.documents.samples import sample_elements  # noqa: E402

RUNS = 7
TARGETS_MS = {"render DOCX": 200, "convert PDF (warm)": 1000, "seal + sign": 1000}


def _timed(step: Callable[[], object]) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(RUNS):
        started = time.perf_counter()
        result = step()
        times.append((time.perf_counter() - started) * 1000)
    return times, result


def _row(name: str, times: list[float]) -> bool:
    median = statistics.median(times)
    p95 = sorted(times)[max(0, round(0.95 * len(times)) - 1)]
    ok = median <= TARGETS_MS[name]
    print(f"{name:<20} {median:8.0f} {p95:8.0f} {TARGETS_MS[name]:8d}  {'PASS' if ok else 'FAIL'}")
    return ok


def main() -> int:
    """Measure, print a table, return non-zero when a target is missed."""
    elements = sample_elements(Kind.NOTICE)
    render_docx(elements)  # imports and template parsing are not the renderer's cost
    print(f"{'step':<20} {'p50 ms':>8} {'p95 ms':>8} {'target':>8}")
    times, docx = _timed(lambda: render_docx(elements))
    results = [_row("render DOCX", times)]
    if not pdf_available():
        print("PDF conversion unavailable (LibreOffice not installed): PDF and signing skipped")
        return 0 if all(results) else 1
    converter = default_converter()
    converter.convert(docx)  # the cold start is bench/pdf_conversion.py's subject
    times, pdf = _timed(lambda: converter.convert(docx))
    results.append(_row("convert PDF (warm)", times))
    seal, signer = make_seal(), User(pk=1, username="signer", display_name="李文华")
    times, signed = _timed(
        lambda: seal_document(pdf, seal=seal, signer=signer, authorised_signer=signer)
    )
    results.append(_row("seal + sign", times))
    status = verify_pdf(signed, trust_roots=[pki().root]).status
    print(f"signed PDF verifies as: {status}")
    return 0 if all(results) and status == "valid" else 1


if __name__ == "__main__":
    sys.exit(main())

"""Regenerate the page-1 images of docs/documents.md: ``make docs-images``.

Renders the sample 通知 and 请示 (tests/fixtures/documents/samples.py) to DOCX with the
GB/T 9704 renderer, converts them with the long-lived LibreOffice converter and the project's
fonts.conf, and rasterises page 1 with ``pdftoppm`` (poppler-utils) into this folder.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT / "platform"), str(ROOT)]

from gongwen.documents.kinds import Kind  # noqa: E402  (after the path setup)
from gongwen.documents.pdf import docx_to_pdf, pdf_available  # noqa: E402
from gongwen.documents.rendering import render_docx  # noqa: E402
from tests.fixtures.documents.samples import sample_elements  # noqa: E402

SAMPLES = {"notice": Kind.NOTICE, "request": Kind.REQUEST}


def main() -> int:
    """Write ``<name>-page1.png`` for every sample; return non-zero without LibreOffice."""
    if not pdf_available():
        print("LibreOffice is not installed: cannot render the images", file=sys.stderr)
        return 1
    for name, kind in SAMPLES.items():
        pdf = docx_to_pdf(render_docx(sample_elements(kind)))
        with tempfile.TemporaryDirectory() as work:
            source = Path(work) / f"{name}.pdf"
            source.write_bytes(pdf)
            target = HERE / f"{name}-page1"
            subprocess.run(  # noqa: S603 (fixed argv)
                ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",  # noqa: S607
                 str(source), str(target)],
                check=True,
            )  # fmt: skip
        print(f"wrote {target.with_suffix('.png').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

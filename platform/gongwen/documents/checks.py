"""System checks of the documents app (ids listed in docs/admin/checks.md; never renumber)."""

from __future__ import annotations

from typing import Any

from django.core.checks import Warning, register

from gongwen.documents.pdf.tools import missing_reason, pdf_available


@register("gongwen")
def check_pdf_converter(app_configs: Any = None, **kwargs: Any) -> list:
    """Warn when 正文 cannot be converted to PDF (the platform works, PDF output does not)."""
    if pdf_available():
        return []
    return [
        Warning(
            f"PDF conversion is unavailable: {missing_reason()}. Everything else works; "
            "正文 is produced as DOCX only; PDF output and 用印 (the sealed PDF) are disabled.",
            hint="Install libreoffice-writer-nogui, python3-uno and the fonts with "
            ".ci/install-fonts (docs/documents/rendering.md).",
            id="gongwen.W010",
        )
    ]

"""Without LibreOffice the platform still works: PDF is reported unavailable, clearly."""

from __future__ import annotations

import pytest
from django.core.checks import run_checks

from gongwen.documents.pdf import Converter, PdfUnavailable, pdf_available


@pytest.fixture
def no_libreoffice(monkeypatch):
    monkeypatch.setenv("GONGWEN_SOFFICE", "/nonexistent/soffice")


def test_pdf_is_unavailable_without_soffice(no_libreoffice) -> None:
    assert pdf_available() is False


def test_converting_without_libreoffice_raises_a_clear_error(no_libreoffice) -> None:
    with pytest.raises(PdfUnavailable, match="LibreOffice"):
        Converter().convert(b"PK\x03\x04")


def test_the_system_check_warns_without_libreoffice(no_libreoffice) -> None:
    warnings = [m for m in run_checks() if m.id == "gongwen.W010"]
    assert len(warnings) == 1 and "LibreOffice" in warnings[0].msg

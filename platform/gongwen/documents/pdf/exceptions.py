"""Errors of the PDF converter: a service this server lacks or that failed (HTTP 503)."""

from __future__ import annotations

from gongwen.errors import Unavailable


class PdfError(Unavailable, RuntimeError):
    """Base class of PDF conversion errors."""

    code = "pdf.error"


class PdfUnavailable(PdfError):
    """Raised when LibreOffice (or a Python with ``uno`` to drive it) is not installed."""

    code = "pdf.unavailable"


class ConversionError(PdfError):
    """Raised when LibreOffice failed to convert a document (after one restart and retry)."""

    code = "pdf.conversion_failed"


class ConversionTimeout(ConversionError):
    """Raised when a conversion took longer than the converter's timeout."""

    code = "pdf.timeout"

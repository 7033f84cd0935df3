"""Errors of the PDF converter."""

from __future__ import annotations


class PdfError(RuntimeError):
    """Base class of PDF conversion errors."""


class PdfUnavailable(PdfError):
    """Raised when LibreOffice (or a Python with ``uno`` to drive it) is not installed."""


class ConversionError(PdfError):
    """Raised when LibreOffice failed to convert a document (after one restart and retry)."""


class ConversionTimeout(ConversionError):
    """Raised when a conversion took longer than the converter's timeout."""

"""DOCX → PDF with LibreOffice headless, free fonts mapped to the GB font names."""

from gongwen.documents.pdf.converter import Converter, default_converter, docx_to_pdf
from gongwen.documents.pdf.exceptions import (
    ConversionError,
    ConversionTimeout,
    PdfError,
    PdfUnavailable,
)
from gongwen.documents.pdf.tools import pdf_available

__all__ = [
    "ConversionError",
    "ConversionTimeout",
    "Converter",
    "PdfError",
    "PdfUnavailable",
    "default_converter",
    "docx_to_pdf",
    "pdf_available",
]

"""The seal step's work: 正文 DOCX → PDF (long-lived converter) → seal and PAdES signature.

Returns bytes and writes nothing, so a failure anywhere leaves the document as it was.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from gongwen.documents.document.exceptions import DocumentError, NotAllowed
from gongwen.documents.document.models import Document
from gongwen.documents.pdf import docx_to_pdf, pdf_available
from gongwen.documents.rendering import render_docx
from gongwen.documents.seals.exceptions import SealPlacementError
from gongwen.documents.seals.models import Seal
from gongwen.documents.seals.placement import seal_box_over_date
from gongwen.documents.seals.providers import Box
from gongwen.documents.seals.readers import page_count
from gongwen.documents.seals.signing import seal_document


class SealingUnavailable(DocumentError):
    """PDF conversion is unavailable (LibreOffice missing) or the organ has no seal."""


def sealed_pdf(document: Document) -> tuple[bytes, bytes, bytes]:
    """Return ``(docx, pdf, sealed pdf)`` of ``document``, sealed in its 签发人's name.

    The 签发人 authorised the seal by signing (签发); the registrar who completes the seal step
    applies it, and the trace records who did. Nobody else can be the signer.

    Raises:
        NotAllowed: the document has no 签发人.
        SealingUnavailable: no PDF converter, or no active seal for the organ code.
        SealError, PdfError: from sealing or conversion.
    """
    signer = document.signer
    if signer is None:
        raise NotAllowed(_("The document has no 签发人; it cannot be sealed."))
    if not pdf_available():
        raise SealingUnavailable(
            _("PDF conversion is unavailable on this server (LibreOffice is not installed).")
        )
    seal = Seal.objects.filter(organ_code=document.organ_code, active=True).first()
    if seal is None:
        raise SealingUnavailable(
            _("There is no active seal for %(code)s.") % {"code": document.organ_code or "—"}
        )
    docx = render_docx(document.to_elements())
    pdf = docx_to_pdf(docx)
    page, box = date_position(pdf)
    signed = seal_document(
        pdf, seal=seal, signer=signer, authorised_signer=signer, page=page, box=box
    )
    return docx, pdf, signed


def date_position(pdf: bytes) -> tuple[int, Box]:
    """Return the page and seal box over the 成文日期 (the last page carrying a date).

    The 版记 may sit alone on the last, even page (GB/T 9704), so the date is searched from
    the last page backwards.

    Raises:
        SealPlacementError: no page carries the date.
    """
    pages = page_count(pdf)
    for page in range(pages - 1, -1, -1):
        try:
            return page, seal_box_over_date(pdf, page=page)
        except SealPlacementError:
            continue
    raise SealPlacementError(_("The 成文日期 was not found in the PDF."))

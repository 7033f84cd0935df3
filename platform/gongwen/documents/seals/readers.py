"""Reading untrusted PDF bytes just enough to know they are a PDF."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from pyhanko.pdf_utils.reader import PdfFileReader

from gongwen.documents.seals.exceptions import NotAPdf

PDF_MAGIC = b"%PDF-"
_MAGIC_WINDOW = 1024  # the header may follow up to 1 KiB of junk (ISO 32000-1, 7.5.2 note)


def has_pdf_header(head: bytes) -> bool:
    """Return whether the first bytes of a file carry the ``%PDF-`` header."""
    return PDF_MAGIC in head[:_MAGIC_WINDOW]


def page_count(pdf: bytes) -> int:
    """Return the number of pages of ``pdf``.

    Raises:
        NotAPdf: the bytes are not a PDF pyHanko can read.
    """
    if not has_pdf_header(pdf):
        raise NotAPdf(_("The file is not a PDF."))
    try:
        count = PdfFileReader(io.BytesIO(pdf), strict=False).root["/Pages"]["/Count"]
        return int(count)
    except Exception as exc:  # whatever the parser trips over, the answer is "not a PDF"
        raise NotAPdf(_("The file is not a readable PDF.")) from exc

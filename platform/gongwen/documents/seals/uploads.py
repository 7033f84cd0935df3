"""The verify endpoint's input rules: a PDF in the field ``file``, no bigger than the limit."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from gongwen.conf import gongwen_settings
from gongwen.documents.seals.exceptions import NotAPdf, UploadRejected
from gongwen.documents.seals.readers import has_pdf_header, page_count
from gongwen.documents.seals.verification import Verification, verify_pdf

# Room for the multipart boundary, headers and the CSRF field around the file itself.
MULTIPART_OVERHEAD = 64 * 1024


def check_declared_length(content_length: str | None) -> None:
    """Refuse a request whose ``Content-Length`` is over the limit, before its body is read.

    Raises:
        UploadRejected: ``too_large`` or ``bad_request``.
    """
    try:
        length = int(content_length or 0)
    except ValueError:
        raise UploadRejected("bad_request", _("The request has an invalid length.")) from None
    if length > gongwen_settings.UPLOAD_MAX_BYTES + MULTIPART_OVERHEAD:
        raise _too_large()


def verify_upload(upload: UploadedFile | None) -> Verification:
    """Verify an uploaded PDF.

    Raises:
        UploadRejected: ``missing``, ``too_large`` or ``not_pdf``.
    """
    if upload is None:
        raise UploadRejected("missing", _("Attach the PDF in the form field “file”."))
    if upload.size is None or upload.size > gongwen_settings.UPLOAD_MAX_BYTES:
        raise _too_large()
    upload.seek(0)
    if not has_pdf_header(upload.read(1024)):
        raise UploadRejected("not_pdf", _("The file is not a PDF."))
    upload.seek(0)
    data = upload.read()
    try:
        page_count(data)
    except NotAPdf as exc:
        raise UploadRejected("not_pdf", str(exc)) from exc
    return verify_pdf(data)


def _too_large() -> UploadRejected:
    limit_mib = gongwen_settings.UPLOAD_MAX_BYTES / (1024 * 1024)
    return UploadRejected(
        "too_large", _("The file is larger than %(limit).1f MiB.") % {"limit": limit_mib}
    )

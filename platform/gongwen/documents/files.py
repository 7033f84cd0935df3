"""Stored files of a 公文: attachments uploaded by people and the generated DOCX/PDF.

Uploads are checked before anything is written: size (``GONGWEN["UPLOAD_MAX_BYTES"]``), then
the content is *sniffed* from its magic bytes and must be a type on the allow-list **and**
match the file name's extension. DOCX/XLSX archives get the zip-bomb and macro checks of
:func:`gongwen.documents.rendering.upload.check_docx_archive` (plus the right main part); OFD
must be a zip with ``OFD.xml``. The file is stored with its size, SHA-256 and sniffed type.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import PurePath
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from gongwen.conf import gongwen_settings
from gongwen.documents.document.exceptions import DocumentLocked, FileRejected
from gongwen.documents.document.models import Document, DocumentFile, FileRole
from gongwen.documents.lifecycle import EDITABLE_STATES
from gongwen.documents.rendering import upload
from gongwen.documents.rendering.exceptions import UploadError
from gongwen.documents.rendering.upload import check_docx_archive

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PNG = "image/png"
JPEG = "image/jpeg"
OFD = "application/ofd"
TEXT = "text/plain"

#: Allowed extensions and the type their content must sniff as.
EXTENSIONS = {
    ".pdf": PDF,
    ".docx": DOCX,
    ".xlsx": XLSX,
    ".png": PNG,
    ".jpg": JPEG,
    ".jpeg": JPEG,
    ".ofd": OFD,
    ".txt": TEXT,
}
MAX_NAME = 200
_RATIO_FLOOR = 1024 * 1024  # small members may compress well, as in the DOCX check
_ZIP_MAIN_PART = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml", OFD: "OFD.xml"}


def sniff(data: bytes) -> str | None:
    """Return the content type ``data`` really is (by its bytes), or ``None`` if unknown."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    return TEXT if _is_plain_text(data) else None


def _sniff_zip(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError):
        return None
    for content_type, part in _ZIP_MAIN_PART.items():
        if part in names:
            return content_type
    return None


def _is_plain_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not any(ord(c) < 32 and c not in "\t\n\r\f" for c in text)


def check_upload(name: str, data: bytes) -> str:
    """Return the sniffed content type of an upload, or raise :class:`FileRejected`.

    Args:
        name: the file name as uploaded (only its extension is used).
        data: the whole content.
    """
    if not isinstance(data, bytes | bytearray) or not data:
        raise FileRejected(_("The upload is empty."))
    if len(data) > gongwen_settings.UPLOAD_MAX_BYTES:
        raise FileRejected(_("The file is too large."))
    clean = _clean_name(name)
    expected = EXTENSIONS.get(PurePath(clean).suffix.lower())
    if expected is None:
        raise FileRejected(_("Files of this type are not accepted: %(name)s.") % {"name": clean})
    actual = sniff(bytes(data))
    if actual != expected:
        raise FileRejected(
            _("The content of %(name)s does not match its extension.") % {"name": clean}
        )
    if actual in (DOCX, XLSX, OFD):
        _check_archive(bytes(data), actual)
    return actual


def _check_archive(data: bytes, content_type: str) -> None:
    try:
        if content_type == DOCX:
            check_docx_archive(data)
        else:
            _check_zip_bounds(data)
    except UploadError as exc:
        raise FileRejected(str(exc)) from exc


def _check_zip_bounds(data: bytes) -> None:
    """Apply the DOCX check's zip-bomb bounds to XLSX and OFD (which have no Word parts)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise FileRejected(_("The archive is damaged.")) from exc
    if len(members) > upload.MAX_MEMBERS or any(m.flag_bits & 0x1 for m in members):
        raise FileRejected(_("The archive is not accepted (too many or encrypted members)."))
    total = 0
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > upload.MAX_MEMBER_BYTES or (
            member.file_size > _RATIO_FLOOR and ratio > upload.MAX_RATIO
        ):
            raise FileRejected(_("The file expands to too much data (a zip bomb?)."))
        total += member.file_size
    if total > upload.MAX_TOTAL_BYTES:
        raise FileRejected(_("The file expands to too much data (a zip bomb?)."))


def _clean_name(name: Any) -> str:
    if not isinstance(name, str):
        raise FileRejected(_("The file needs a name."))
    base = PurePath(name.replace("\\", "/")).name.strip()
    base = "".join(c for c in base if c.isprintable())
    if not base or base in {".", ".."}:
        raise FileRejected(_("The file needs a name."))
    return base[-MAX_NAME:]


def attach_file(document: Document, name: str, data: bytes, *, by: Any) -> DocumentFile:
    """Check and store an attachment of ``document``; return the stored file.

    Raises:
        FileRejected: the upload breaks a limit; nothing is stored.
        DocumentLocked: the document is past review; attachments are part of what was signed.
    """
    if document.state not in EDITABLE_STATES:
        raise DocumentLocked(_("Attachments can only change while the document is in draft."))
    content_type = check_upload(name, data)
    return store_file(
        document, FileRole.ATTACHMENT, _clean_name(name), bytes(data), content_type, by=by
    )


def store_file(
    document: Document,
    role: FileRole,
    name: str,
    data: bytes,
    content_type: str,
    *,
    by: Any = None,
) -> DocumentFile:
    """Store ``data`` as a file of ``document`` with its size and SHA-256 (one transaction)."""
    digest = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        stored = DocumentFile(
            document=document,
            role=role,
            name=name,
            size=len(data),
            sha256=digest,
            content_type=content_type,
            uploaded_by=by if getattr(by, "pk", None) else None,
        )
        stored.file.save(name, ContentFile(data), save=False)
        try:
            stored.save()
        except Exception:
            stored.file.delete(save=False)
            raise
    return stored

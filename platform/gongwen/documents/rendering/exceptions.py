"""Errors raised by the 正文 renderer and the DOCX upload reader."""

from __future__ import annotations

from gongwen.errors import InvalidRequest


class RenderError(InvalidRequest, ValueError):
    """Raised when the elements cannot be rendered to a valid DOCX (nothing is returned)."""

    code = "document.render_failed"


class UploadError(InvalidRequest, ValueError):
    """Raised when an uploaded file is not a safe, readable DOCX body."""

    code = "document.upload_unreadable"

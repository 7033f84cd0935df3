"""Errors raised by the 正文 renderer and the DOCX upload reader."""

from __future__ import annotations


class RenderError(ValueError):
    """Raised when the elements cannot be rendered to a valid DOCX (nothing is returned)."""


class UploadError(ValueError):
    """Raised when an uploaded file is not a safe, readable DOCX body."""

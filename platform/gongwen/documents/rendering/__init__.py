"""GB/T 9704-2012 正文 rendering to DOCX, and reading an uploaded DOCX back as a body."""

from gongwen.documents.rendering.document import render_docx
from gongwen.documents.rendering.exceptions import RenderError, UploadError

__all__ = ["RenderError", "UploadError", "render_docx"]

"""Models of the documents app, re-exported from the subpackages that define them.

Each subpackage owns its models module (``numbering/models.py``, ``formatcheck/models.py``);
add new ones here so Django and ``makemigrations documents`` see them.
"""

from gongwen.documents.document.models import Document, DocumentFile, FileRole
from gongwen.documents.formatcheck.models import FormatRule
from gongwen.documents.numbering.models import (
    IssuedNumber,
    NumberSeries,
    NumberStatus,
    SeriesCounter,
)
from gongwen.documents.seals.models import Seal

__all__ = [
    "Document",
    "DocumentFile",
    "FileRole",
    "FormatRule",
    "IssuedNumber",
    "NumberSeries",
    "NumberStatus",
    "Seal",
    "SeriesCounter",
]

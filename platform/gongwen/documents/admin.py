"""Admin of the documents app: each subpackage registers its own models."""

from gongwen.documents.document import admin as document_admin  # noqa: F401 (registers)
from gongwen.documents.formatcheck import admin as formatcheck_admin  # noqa: F401 (registers)
from gongwen.documents.numbering import admin as numbering_admin  # noqa: F401 (registers)
from gongwen.documents.seals import admin as seals_admin  # noqa: F401 (registers)

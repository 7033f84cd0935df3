"""App config for ``gongwen.documents``."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    """The ``documents`` app."""

    name = "gongwen.documents"
    label = "documents"
    verbose_name = _("Official documents")

    def ready(self) -> None:
        """Tell the definitions validator which numbering series exist; register the 公文 steps."""
        from gongwen.definitions.registries import register_numbering_series_lookup
        from gongwen.documents.numbering.services import series_exists

        register_numbering_series_lookup(series_exists)
        from gongwen.documents import checks  # noqa: F401  (registers gongwen.W010)
        from gongwen.documents.steps import register_document_steps

        register_document_steps()

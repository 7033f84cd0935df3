"""App config for ``gongwen.documents``."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    """The ``documents`` app."""

    name = "gongwen.documents"
    label = "documents"
    verbose_name = _("Official documents")

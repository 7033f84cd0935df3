"""App config for ``gongwen.definitions``."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DefinitionsConfig(AppConfig):
    """The ``definitions`` app."""

    name = "gongwen.definitions"
    label = "definitions"
    verbose_name = _("Definitions")

    def ready(self) -> None:
        """Register the app's protected table with :mod:`gongwen.protected_tables`."""
        from gongwen.definitions.management import triggers  # noqa: F401 (registers)

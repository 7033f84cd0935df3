"""App config for ``gongwen.audit``."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """The ``audit`` app."""

    name = "gongwen.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        """Register the app's protected table with :mod:`gongwen.protected_tables`."""
        from gongwen.audit import triggers  # noqa: F401 (registers)

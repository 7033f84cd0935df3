"""App config for ``gongwen.runtime``."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RuntimeConfig(AppConfig):
    """The ``runtime`` app."""

    name = "gongwen.runtime"
    label = "runtime"
    verbose_name = _("Runtime")

    def ready(self) -> None:
        """Announce what actions opened, after they commit (``runtime.announcements``)."""
        from gongwen.runtime.announcements import on_process_changed
        from gongwen.runtime.signals import process_changed

        process_changed.connect(on_process_changed, dispatch_uid="gongwen.runtime.announce")

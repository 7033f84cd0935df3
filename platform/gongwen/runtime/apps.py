"""App config for ``gongwen.runtime``."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RuntimeConfig(AppConfig):
    """The ``runtime`` app."""

    name = "gongwen.runtime"
    label = "runtime"
    verbose_name = _("Runtime")

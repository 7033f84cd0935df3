"""App config for ``gongwen.notifications``."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """The ``notifications`` app."""

    name = "gongwen.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

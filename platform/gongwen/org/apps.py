"""App config for the organisation model."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    """The ``org`` app (label ``org``; the user model is ``org.User``)."""

    name = "gongwen.org"
    label = "org"
    verbose_name = _("Organisation")

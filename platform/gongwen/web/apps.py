"""App config for the staff pages."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    """The ``web`` app: templates, static files and page views."""

    name = "gongwen.web"
    label = "web"
    verbose_name = _("Staff pages")

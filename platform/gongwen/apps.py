"""The project-level app: registers Gongwen's system checks."""

from django.apps import AppConfig


class GongwenConfig(AppConfig):
    """Project app holding system checks and the settings dict."""

    name = "gongwen"
    verbose_name = "Gongwen"

    def ready(self) -> None:
        from gongwen import checks  # noqa: F401  (registers the checks)

"""The project-level app (system checks), and Gongwen's names for third-party apps."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class GongwenConfig(AppConfig):
    """Project app holding system checks and the settings dict."""

    name = "gongwen"
    verbose_name = _("Gongwen")

    def ready(self) -> None:
        from gongwen import checks  # noqa: F401  (registers the checks)


class BackgroundTasksConfig(TasksAppConfig):
    """``django_tasks_db`` (the background task queue) under a translatable admin heading.

    Its own config names the app "Tasks Database Backend", untranslated; administrators look
    at the queue's list (retries, failures) under "后台任务".
    """

    verbose_name = _("Background tasks")

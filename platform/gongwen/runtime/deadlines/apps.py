"""App config for ``gongwen.runtime.deadlines`` (its own app, so its table migrates apart)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    """The ``deadlines`` app: connects the task-created hook."""

    name = "gongwen.runtime.deadlines"
    label = "deadlines"
    verbose_name = _("Deadlines")

    def ready(self) -> None:
        """Give every new person's task of a node with a deadline its ``Deadline`` row.

        Importing the escalations registers their system actions (auto approve/return) in the
        kernel's registry, so every action is known by its code from start-up.
        """
        from gongwen.kernel.events import subscribe
        from gongwen.runtime.deadlines import escalation  # noqa: F401 -- registers its actions
        from gongwen.runtime.deadlines.scheduling import on_task_opened
        from gongwen.runtime.domain_events import TaskOpened

        subscribe(TaskOpened, on_task_opened)

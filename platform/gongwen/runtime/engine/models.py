"""Process and task rows: viewflow's abstract models with the columns Gongwen queries by.

These subclass viewflow's ``AbstractProcess``/``AbstractTask`` (so the engine's activations work
on them unchanged) and live here because only ``gongwen.runtime.engine`` may import viewflow.
``gongwen.runtime.models`` re-exports them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.fields import FlowReferenceField, TaskReferenceField
from viewflow.workflow.models import AbstractProcess, AbstractTask
from viewflow.workflow.status import STATUS

from gongwen.kernel.events import publish
from gongwen.org.clearance import Clearance
from gongwen.runtime.domain_events import TaskOpened
from gongwen.runtime.engine.opened import note_saved

#: Room for the longest reference a valid definition can produce (keys of 63 and node ids of
#: 64 characters, escaped by ``naming.encode``); viewflow's default 250 is not enough.
REF_LENGTH = 1000

#: Task statuses that still wait for someone (or something).
OPEN_STATUSES = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)


class Outcome(models.TextChoices):
    """How a task or a process ended, in Gongwen's words (viewflow only knows DONE/CANCELED)."""

    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    RETURNED = "returned", _("Returned")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    SKIPPED = "skipped", _("Skipped")
    COMPLETED = "completed", _("Completed")
    SUPERSEDED = "superseded", _("Superseded")
    TERMINATED = "terminated", _("Terminated")


class Process(AbstractProcess):
    """One running (or finished) instance of a published definition version."""

    flow_class = FlowReferenceField(_("flow"), max_length=REF_LENGTH)
    definition_key = models.CharField(_("definition"), max_length=64, db_index=True)
    definition_version = models.PositiveIntegerField(_("definition version"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    initiator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("initiator"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
    )
    urgency = models.CharField(_("urgency"), max_length=8, blank=True)
    # 密级 of the process and its 公文, on the clearance scale: assignment, 待办 and the trace
    # compare people's clearance with it (gongwen.runtime.secrecy).
    secrecy = models.PositiveSmallIntegerField(
        _("secrecy"), choices=Clearance.choices, default=Clearance.PUBLIC
    )
    data = models.JSONField(_("form data"), default=dict, blank=True)
    chosen = models.JSONField(
        _("chosen assignees"),
        default=dict,
        blank=True,
        help_text=_("Usernames picked for later nodes, by node id (initiator/previous step)."),
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome, blank=True)
    parent_task = models.ForeignKey(
        "runtime.Task",
        verbose_name=_("started by step"),
        on_delete=models.PROTECT,
        related_name="subprocesses",
        null=True,
        blank=True,
        help_text=_("The subflow step of another process that started this one."),
    )

    class Meta:
        verbose_name = _("process")
        verbose_name_plural = _("processes")
        ordering = ["-created"]
        indexes = [models.Index(fields=["initiator", "-created"], name="runtime_proc_initiator")]


class Task(AbstractTask):
    """One unit of work of a process: a person's 待办, or a step the engine ran."""

    process = models.ForeignKey(Process, verbose_name=_("process"), on_delete=models.CASCADE)
    flow_task = TaskReferenceField(_("node"), max_length=REF_LENGTH)
    # viewflow's own Task (installed with viewflow.workflow) takes the default reverse names.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    owner_permission_content_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
    )
    node_id = models.CharField(_("node"), max_length=64, blank=True)
    data = models.JSONField(default=dict, blank=True)
    batch = models.UUIDField(_("batch"), null=True, blank=True)
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("completed by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome, blank=True)
    # 认领 pool (a ``claim`` node): who may claim the task while it has no owner. A role pool
    # names the role and, optionally, the department subtree; a position pool the post title
    # and its department. Kept after the claim, so the task can be put back (gongwen.runtime.pool).
    pool_role = models.ForeignKey(
        "org.Role",
        verbose_name=_("pool role"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    pool_department = models.ForeignKey(
        "org.Department",
        verbose_name=_("pool department"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("Role pool: subtree (empty: anywhere); position pool: its department."),
    )
    pool_title = models.CharField(_("pool position title"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["-created"]
        indexes = [
            models.Index(
                fields=["owner", "-created", "-id"],  # the order 待办 pages in
                condition=Q(status__in=["NEW", "ASSIGNED", "STARTED"]),
                name="runtime_task_open_by_owner",
            ),
            models.Index(  # 认领 pools only: not the waiting joins, subflow or service steps
                fields=["-created", "-id"],
                condition=Q(owner__isnull=True, status__in=["NEW", "ASSIGNED", "STARTED"])
                & (Q(pool_role__isnull=False) | Q(pool_title__gt="")),
                name="runtime_task_open_pool",
            ),
            # The 待办 on PostgreSQL reads each pool a person belongs to by its key, newest
            # first (gongwen.runtime.inbox): open, unclaimed tasks of a role pool …
            models.Index(
                fields=["pool_role", "pool_department", "-created", "-id"],
                condition=Q(owner__isnull=True, status__in=["NEW", "ASSIGNED", "STARTED"])
                & Q(pool_role__isnull=False),
                name="runtime_task_pool_by_role",
            ),
            models.Index(  # … of a role pool anywhere (no department) …
                fields=["pool_role", "-created", "-id"],
                condition=Q(owner__isnull=True, status__in=["NEW", "ASSIGNED", "STARTED"])
                & Q(pool_role__isnull=False, pool_department__isnull=True),
                name="runtime_task_pool_anywhere",
            ),
            # … and of a post pool.
            models.Index(
                fields=["pool_department", "pool_title", "-created", "-id"],
                condition=Q(owner__isnull=True, status__in=["NEW", "ASSIGNED", "STARTED"])
                & Q(pool_role__isnull=True, pool_title__gt=""),
                name="runtime_task_pool_by_post",
            ),
            models.Index(fields=["completed_by", "-finished"], name="runtime_task_done_by"),
            models.Index(fields=["process", "node_id"], name="runtime_task_process_node"),
        ]

    def save(self, *args, **kwargs) -> None:
        """Fill ``node_id`` from the flow node the first time the task is saved."""
        if not self.node_id and self.flow_task is not None:
            from gongwen.runtime.engine.naming import node_id_from_attr

            self.node_id = node_id_from_attr(self.flow_task.name)
        created = self._state.adding
        super().save(*args, **kwargs)
        note_saved(self, created=created)
        if created:  # every task row is created here: one place tells who must know
            publish(TaskOpened(self))

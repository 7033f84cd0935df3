"""Processes in the admin: a filtered list, and a page with the timeline and the open tasks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongwen.audit.action_labels import describe
from gongwen.runtime.admin.base import ReadOnlyAdmin
from gongwen.runtime.admin.filters import DepartmentFilter, DocumentTypeFilter
from gongwen.runtime.admin.names import node_name
from gongwen.runtime.deadlines.models import Deadline
from gongwen.runtime.models import Process
from gongwen.runtime.trace import trace_of


@dataclass(frozen=True)
class TimelineRow:
    """One trace row as the process page shows it."""

    at: datetime
    node: str
    actor: Any
    on_behalf_of: Any
    action: str
    opinion: str


@dataclass(frozen=True)
class OpenTask:
    """One place the process waits at, as the process page shows it."""

    task_id: int
    node: str
    assignee: Any
    on_behalf_of: Any
    pool: str
    since: datetime
    due_at: datetime | None


def process_page(process: Process, viewer: Any) -> dict[str, list]:
    """Return the timeline and open tasks of ``process`` as ``viewer`` may see them.

    Three queries, any length.

    Raises:
        NotCleared: ``viewer`` is below the process's 密级.
    """
    trace = trace_of(process, viewer)

    def name(node_id: str) -> str:
        return node_name(process.definition_key, process.definition_version, node_id)

    timeline = [
        TimelineRow(r.at, name(r.node_id), r.actor, r.on_behalf_of, describe(r.action), r.opinion)
        for r in trace.rows
    ]
    due = dict(
        Deadline.objects.filter(task_id__in=[p.task_id for p in trace.current]).values_list(
            "task_id", "due_at"
        )
    )
    open_tasks = [
        OpenTask(
            p.task_id,
            name(p.node_id),
            p.assignee,
            p.on_behalf_of,
            _pool_name(p),
            p.since,
            due.get(p.task_id),
        )
        for p in trace.current
    ]
    return {"timeline": timeline, "open_tasks": open_tasks}


def _pool_name(position: Any) -> str:
    """Return the 认领 pool an unclaimed task waits in ("" for a person's task)."""
    parts = [position.pool_department, position.pool_role or position.pool_title]
    return " · ".join(str(p) for p in parts if p)


@admin.register(Process)
class ProcessAdmin(ReadOnlyAdmin):
    """Every process, newest first; its page shows what happened and where it waits."""

    person_field = "initiator"
    list_display = [
        "id",
        "subject",
        "document_type",
        "definition_version",
        "initiator",
        "department",
        "status",
        "outcome",
        "created",
        "finished",
    ]
    list_display_links = ["id", "subject"]
    list_filter = [
        DocumentTypeFilter.on("definition_key"),
        "status",
        "outcome",
        ("initiator", admin.RelatedOnlyFieldListFilter),
        DepartmentFilter.on("initiator"),
    ]
    search_fields = ["=id", "title", "definition_key", "initiator__username"]
    search_help_text = _("Number, title, definition key or the initiator's username.")
    list_select_related = ["initiator"]
    date_hierarchy = "created"
    fields = [
        "subject",
        "definition_key",
        "definition_version",
        "initiator",
        "urgency",
        "secrecy",
        "status",
        "outcome",
        "created",
        "finished",
        "parent_task",
        "data",
        "chosen",
    ]
    readonly_fields = fields

    def heading(self, process: Process) -> str:
        """Return "#id title"."""
        return f"#{process.pk} {process.title}"

    @admin.display(description=pgettext_lazy("document", "title"), ordering="title")
    def subject(self, process: Process) -> str:
        """Return the process's title (the document's subject), masked above the clearance."""
        return getattr(process, "shown_title", process.title) or "—"

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        """Show the fields, then the timeline and the open tasks."""
        process = self.get_object(request, object_id)
        context = dict(extra_context or {})
        if process is not None:
            context.update(process_page(process, request.user))
        return super().change_view(request, object_id, form_url, context)

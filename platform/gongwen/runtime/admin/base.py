"""The shape every runtime admin shares: look and search, never add, change or delete.

Processes, tasks and trace rows change through actions only (``gongwen.runtime.actions``),
which lock, trace and audit; an admin form writing the rows would bypass all three.

密级 applies to administrators too (docs/documents/access.md): lists show every row — ids,
status, holders and dates are what administration needs — but the title of a process above the
administrator's clearance is masked and cannot be searched for, and its pages (process, task,
trace row) are refused with 403. Opening the page of a 秘密 or 机密 process writes an audit event
(``gongwen.process.read``).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Case, F, QuerySet, Value, When
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from gongwen.org.clearance import Clearance
from gongwen.runtime.admin.names import in_language, node_name, with_department, with_document_type
from gongwen.runtime.secrecy import clearance_of, cleared_processes

#: Opening a page of a process at this 密级 or above is audited.
AUDITED_FROM = Clearance.SECRET
READ_ACTION = "gongwen.process.read"


def process_link(process_id: int, title: str) -> SafeString:
    """Return a link to the admin page of process ``process_id``."""
    url = reverse("admin:runtime_process_change", args=[process_id])
    return format_html('<a href="{}">#{} {}</a>', url, process_id, title)


class ReadOnlyAdmin(admin.ModelAdmin):
    """A model admin that shows rows and refuses every change.

    Each row is annotated with its document type's names (through ``key_field``, the path to
    the definition key) and the department of a person (``person_field``).
    """

    key_field: ClassVar[str] = "definition_key"
    person_field: ClassVar[str] = ""
    #: Path from a row to its process ("" for a process itself, else "process__").
    process_prefix: ClassVar[str] = ""
    actions = None
    show_full_result_count = False  # a second COUNT over a large table tells little

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        """Add the document type's and the person's department's names to each row.

        Also ``shown_title``: the process's title, or a mask when it is above the viewer's
        clearance.
        """
        rows = with_document_type(super().get_queryset(request), self.key_field)
        prefix = self.process_prefix
        masked = Value(str(_("(above your clearance)")))
        cleared = When(cleared_processes(request.user, prefix), then=F(f"{prefix}title"))
        rows = rows.annotate(shown_title=Case(cleared, default=masked))
        return with_department(rows, self.person_field)

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str):
        """Search as usual, but never match a title the viewer is not cleared for."""
        found, duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            found = found.filter(cleared_processes(request.user, self.process_prefix))
        return found, duplicates

    def get_object(self, request: HttpRequest, object_id: str, from_field: Any = None) -> Any:
        """Return the row, or refuse (403) if its process is above the viewer's clearance."""
        row = super().get_object(request, object_id, from_field)
        if row is not None:
            process = self.process_of(row)
            if clearance_of(request.user) < process.secrecy:
                raise PermissionDenied
        return row

    def process_of(self, row: Any) -> Any:
        """Return the process ``row`` is (or belongs to)."""
        return row.process if self.process_prefix else row

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> Any:
        """Show the page; a 秘密 or 机密 process's page is audited as a read."""
        response = super().change_view(request, object_id, form_url, extra_context)
        row = getattr(request, "_gongwen_shown", None)
        if request.method == "GET" and response.status_code == 200 and row is not None:
            self._audit_read(request, self.process_of(row))
        return response

    def _audit_read(self, request: HttpRequest, process: Any) -> None:
        if process.secrecy < AUDITED_FROM:
            return
        from gongwen.audit.recording import record

        payload = {"secrecy": process.secrecy, "via": "admin", "page": self.model._meta.label_lower}
        record(READ_ACTION, actor=request.user, target=process, payload=payload, request=request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Refuse: rows are written by actions only."""
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Refuse: rows change through actions only."""
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Refuse: the history of a process is never deleted here."""
        return False

    def heading(self, row: Any) -> str:
        """Return what a row's page is titled (and its last breadcrumb)."""
        return str(row)

    def render_change_form(
        self, request: HttpRequest, context: dict, *args: Any, obj: Any = None, **kwargs: Any
    ) -> Any:
        """Title the page with :meth:`heading` (template ``admin/runtime/change_form.html``)."""
        if obj is not None:
            context["subtitle"] = self.heading(obj)
        request._gongwen_shown = obj  # the row the page shows, for the audit of the read
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    @admin.display(description=_("document type"))
    def document_type(self, row: Any) -> str:
        """Return the document type's name (annotated by ``names.with_document_type``)."""
        return in_language(row.document_type_zh or "", row.document_type_en or "")

    @admin.display(description=_("department"))
    def department(self, row: Any) -> str:
        """Return the person's department (annotated by ``names.with_department``)."""
        return row.department_name or ""


class ProcessPartAdmin(ReadOnlyAdmin):
    """A read-only admin of rows belonging to a process and a node (tasks, trace rows)."""

    key_field = "process__definition_key"

    process_prefix = "process__"

    def heading(self, row: Any) -> str:
        """Return "#id node name · process title"."""
        return f"#{row.pk} {self.node(row)} · {row.process.title}"

    @admin.display(description=_("process"), ordering="process")
    def process_column(self, row: Any) -> SafeString:
        """Return a link to the row's process, with its title (masked above the clearance)."""
        return process_link(row.process_id, getattr(row, "shown_title", row.process.title))

    @admin.display(description=_("node"), ordering="node_id")
    def node(self, row: Any) -> str:
        """Return the node's name in the version the process runs."""
        process = row.process
        return node_name(process.definition_key, process.definition_version, row.node_id)

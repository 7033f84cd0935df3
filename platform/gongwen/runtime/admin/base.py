"""The shape every runtime admin shares: look and search, never add, change or delete.

Processes, tasks and trace rows change through actions only (``gongwen.runtime.actions``),
which lock, trace and audit; an admin form writing the rows would bypass all three.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from gongwen.runtime.admin.names import in_language, node_name, with_department, with_document_type


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
    actions = None
    show_full_result_count = False  # a second COUNT over a large table tells little

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        """Add the document type's and the person's department's names to each row."""
        rows = with_document_type(super().get_queryset(request), self.key_field)
        return with_department(rows, self.person_field)

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

    def heading(self, row: Any) -> str:
        """Return "#id node name · process title"."""
        return f"#{row.pk} {self.node(row)} · {row.process.title}"

    @admin.display(description=_("process"), ordering="process")
    def process_column(self, row: Any) -> SafeString:
        """Return a link to the row's process, with its title."""
        return process_link(row.process_id, row.process.title)

    @admin.display(description=_("node"), ordering="node_id")
    def node(self, row: Any) -> str:
        """Return the node's name in the version the process runs."""
        process = row.process
        return node_name(process.definition_key, process.definition_version, row.node_id)

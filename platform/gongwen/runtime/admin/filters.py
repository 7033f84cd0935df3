"""List filters of the runtime admin: by document type and by a person's department.

A process names its document type by key (``definition_key``) and has no department of its own:
the department is that of the person in question (initiator, assignee or actor), through the
posts they hold — a department's filter keeps its subunits too (the path is a prefix).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import admin
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from gongwen.definitions.models import DocumentType
from gongwen.org.models import Department, Position
from gongwen.runtime.admin.names import in_language


class _OnField(admin.SimpleListFilter):
    """A filter bound to a field path of the listed model, set with :meth:`on`."""

    field: ClassVar[str] = ""

    @classmethod
    def on(cls, field: str) -> type[_OnField]:
        """Return this filter reading ``field`` (e.g. ``"process__definition_key"``)."""
        return type(cls.__name__, (cls,), {"field": field})


class DocumentTypeFilter(_OnField):
    """Keep the rows of one document type (``field`` is the definition key's path)."""

    title = _("document type")
    parameter_name = "document_type"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        """Return every document type, in its name of the active language."""
        types = DocumentType.objects.order_by("key").values_list("key", "name_zh", "name_en")
        return [(key, in_language(zh, en) or key) for key, zh, en in types]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        """Keep the rows whose definition key is the chosen one."""
        return queryset.filter(**{self.field: self.value()}) if self.value() else queryset


class DepartmentFilter(_OnField):
    """Keep the rows whose person (``field``) holds a post in a department or below it."""

    title = _("department")
    parameter_name = "department"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        """Return every department in tree order, indented by depth."""
        departments = Department.objects.order_by("path").values_list("pk", "name", "depth")
        return [(str(pk), "\u3000" * depth + name) for pk, name, depth in departments]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        """Keep the rows whose person holds a post in the chosen subtree."""
        if not self.value():
            return queryset
        value = self.value()
        department = Department.objects.filter(pk=value).first() if value.isdigit() else None
        if department is None:
            return queryset.none()
        posts = Position.objects.filter(
            user=OuterRef(self.field), department__path__startswith=department.path
        )
        return queryset.filter(Exists(posts))

"""Admin of documents: read-only. Documents change through the flow, never by hand.

密级 applies to administrators as to everyone (docs/documents/access.md): the list shows every
document's metadata (number, kind, state, 密级, dates) for administration, with the title masked
above the administrator's clearance; the page of such a document and its files are refused
(403). Every opening of a 秘密 or 机密 document's page and every download of its files writes
``gongwen.document.read``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Case, F, QuerySet, Value, When
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from gongwen.documents.access import audit_read, level_of
from gongwen.documents.document.models import Document, DocumentFile
from gongwen.documents.kinds import Secrecy
from gongwen.runtime.secrecy import clearance_of


def _cleared_names(request: HttpRequest) -> list[str]:
    return [s.value for s in Secrecy if s.level <= clearance_of(request.user)]


class DocumentFileInline(admin.TabularInline):
    """The stored files of a document, with their digests and a download link."""

    model = DocumentFile
    extra = 0
    fields = [
        "role",
        "download",
        "size",
        "sha256",
        "content_type",
        "uploaded_by",
        "uploaded_at",
    ]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        """Files come from uploads and the 公文 steps only."""
        return False

    @admin.display(description=_("file name"))
    def download(self, row: DocumentFile) -> str:
        """Return the file's name, linked to its (checked, audited) download."""
        url = reverse("admin:documents_document_file", args=[row.document_id, row.pk])
        return format_html('<a href="{}">{}</a>', url, row.name)


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    """Search by 发文字号 or title; everything is read-only (the lifecycle owns the state)."""

    list_display = [
        "doc_number",
        "shown_title",
        "kind",
        "secrecy",
        "state",
        "organ_name",
        "signer",
        "created_at",
    ]
    list_display_links = ["doc_number", "shown_title"]
    list_filter = ["state", "kind", "secrecy", "urgency"]
    search_fields = ["doc_number", "title"]
    inlines = [DocumentFileInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        """Annotate ``title_shown``: the title, or a mask above the viewer's clearance."""
        masked = Value(str(_("(above your clearance)")))
        cleared = When(secrecy__in=_cleared_names(request), then=F("title"))
        return super().get_queryset(request).annotate(title_shown=Case(cleared, default=masked))

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str):
        """Search as usual, but never match a title the viewer is not cleared for."""
        found, duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            found = found.filter(secrecy__in=_cleared_names(request))
        return found, duplicates

    @admin.display(description=_("title"), ordering="title")
    def shown_title(self, document: Document) -> str:
        """Return the title, masked above the viewer's clearance."""
        return getattr(document, "title_shown", document.title)

    def get_object(self, request: HttpRequest, object_id: str, from_field: Any = None) -> Any:
        """Return the document, or refuse (403) if it is above the viewer's clearance."""
        document = super().get_object(request, object_id, from_field)
        if document is not None and not _cleared(request, document):
            raise PermissionDenied
        return document

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        """Show the document; a 秘密 or 机密 one's opening is audited as a read."""
        response = super().change_view(request, object_id, form_url, extra_context)
        document = getattr(request, "_gongwen_document", None)
        if request.method == "GET" and response.status_code == 200 and document is not None:
            audit_read(request.user, document, via="admin", request=request)
        return response

    def render_change_form(self, request: HttpRequest, context: dict, *args: Any, **kwargs: Any):
        """Remember the document the page shows, for the audit of the read."""
        request._gongwen_document = kwargs.get("obj")
        return super().render_change_form(request, context, *args, **kwargs)

    def get_urls(self) -> list:
        """Add the download of a document's file."""
        download = self.admin_site.admin_view(self.download_view)
        own = [path("<int:pk>/files/<int:file_id>/", download, name="documents_document_file")]
        return own + super().get_urls()

    def download_view(self, request: HttpRequest, pk: int, file_id: int) -> FileResponse:
        """Send a stored file of a document the viewer may read; audit 秘密 and 机密 ones."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        row = DocumentFile.objects.select_related("document__process").filter(
            pk=file_id, document_id=pk
        )
        stored = row.first()
        if stored is None:
            raise Http404
        if not _cleared(request, stored.document):  # the page's own rule: no file above it
            raise PermissionDenied
        audit_read(request.user, stored.document, via="download", request=request)
        return FileResponse(stored.file.open("rb"), as_attachment=True, filename=stored.name)

    def get_readonly_fields(self, request: HttpRequest, obj: object = None) -> list[str]:
        """Return every field: documents change through the flow only."""
        return [f.name for f in Document._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        """Documents are created with their process."""
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        """Documents are records; they are never deleted here."""
        return False


def _cleared(request: HttpRequest, document: Document) -> bool:
    return clearance_of(request.user) >= max(level_of(document.secrecy), document.process.secrecy)

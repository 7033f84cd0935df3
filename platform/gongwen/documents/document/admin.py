"""Admin of documents: read-only. Documents change through the flow, never by hand."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from gongwen.documents.document.models import Document, DocumentFile


class DocumentFileInline(admin.TabularInline):
    """The stored files of a document, with their digests."""

    model = DocumentFile
    extra = 0
    fields = ["role", "name", "size", "sha256", "content_type", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        """Files come from uploads and the 公文 steps only."""
        return False


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    """Search by 发文字号 or title; everything is read-only (the lifecycle owns the state)."""

    list_display = ["doc_number", "title", "kind", "state", "organ_name", "signer", "created_at"]
    list_filter = ["state", "kind", "secrecy", "urgency"]
    search_fields = ["doc_number", "title"]
    inlines = [DocumentFileInline]

    def get_readonly_fields(self, request: HttpRequest, obj: object = None) -> list[str]:
        """Return every field: documents change through the flow only."""
        return [f.name for f in Document._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        """Documents are created with their process."""
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        """Documents are records; they are never deleted here."""
        return False

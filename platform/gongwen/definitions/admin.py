"""Django admin for document types, drafts and published versions.

Published versions are read-only here (no add, change or delete): they are created by publishing
a draft (the "Publish" action on drafts) and can only be retired (the "Retire" action).
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gongwen.definitions.exceptions import InvalidDefinition
from gongwen.definitions.models import DefinitionVersion, DocumentType, Draft
from gongwen.definitions.versions import publish, retire


class RetiredFilter(admin.SimpleListFilter):
    title = _("retired")
    parameter_name = "retired"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.filter(retired_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(retired_at__isnull=True)
        return queryset


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = ["key", "name_zh", "name_en", "is_retired", "created_at"]
    list_filter = ["is_retired"]
    search_fields = ["key", "name_zh", "name_en"]
    readonly_fields = ["created_at"]

    def get_readonly_fields(self, request: HttpRequest, obj: DocumentType | None = None) -> list:
        # The key is referenced by running processes: fixed once created.
        return [*self.readonly_fields, "key"] if obj else list(self.readonly_fields)


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    list_display = ["document_type", "updated_by", "updated_at"]
    list_filter = ["document_type"]
    search_fields = ["document_type__key", "document_type__name_zh"]
    list_select_related = ["document_type", "updated_by"]
    readonly_fields = ["updated_at"]
    actions = ["publish_drafts"]

    @admin.action(description=_("Publish the selected drafts"))
    def publish_drafts(self, request: HttpRequest, queryset: QuerySet) -> None:
        """Publish each selected draft; report each refusal with its first problems."""
        for draft in queryset.select_related("document_type"):
            key = draft.document_type.key
            try:
                version = publish(key, request.user, changelog="")
            except InvalidDefinition as exc:
                shown = "; ".join(f"{p.pointer or '/'} {p.code}" for p in exc.problems[:5])
                self.message_user(
                    request,
                    _("%(key)s not published: %(count)d problem(s): %(problems)s")
                    % {"key": key, "count": len(exc.problems), "problems": shown},
                    messages.ERROR,
                )
            else:
                self.message_user(
                    request,
                    _("%(key)s published as version %(version)d.")
                    % {"key": key, "version": version.version},
                    messages.SUCCESS,
                )


@admin.register(DefinitionVersion)
class DefinitionVersionAdmin(admin.ModelAdmin):
    list_display = [
        "document_type",
        "version",
        "published_at",
        "published_by",
        "retired_at",
        "short_hash",
    ]
    list_filter = [RetiredFilter, "document_type", "published_at"]
    search_fields = ["document_type__key", "document_type__name_zh", "changelog", "content_hash"]
    list_select_related = ["document_type", "published_by"]
    date_hierarchy = "published_at"
    actions = ["retire_versions"]

    @admin.display(description=_("content hash"))
    def short_hash(self, obj: DefinitionVersion) -> str:
        return obj.content_hash[:12]

    def get_readonly_fields(self, request: HttpRequest, obj: DefinitionVersion | None = None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: DefinitionVersion | None = None
    ) -> bool:
        return False  # view only: saving the form would try to rewrite a frozen row

    def has_delete_permission(
        self, request: HttpRequest, obj: DefinitionVersion | None = None
    ) -> bool:
        return False

    def has_retire_permission(self, request: HttpRequest) -> bool:
        """Allow retiring to whoever may change versions (the model's change permission)."""
        return request.user.has_perm("definitions.change_definitionversion")

    @admin.action(description=_("Retire the selected versions"), permissions=["retire"])
    def retire_versions(self, request: HttpRequest, queryset: QuerySet) -> None:
        """Retire each selected version (running processes keep it)."""
        done = 0
        for version in queryset.select_related("document_type").filter(retired_at__isnull=True):
            retire(version.document_type.key, version.version, by=request.user)
            done += 1
        self.message_user(
            request,
            ngettext("%(count)d version retired.", "%(count)d versions retired.", done)
            % {"count": done},
            messages.SUCCESS,
        )

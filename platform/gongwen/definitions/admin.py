"""Django admin for document types, drafts and published versions.

Published versions are read-only here (no add, change or delete): they are created by publishing
a draft (the "Publish" action on drafts) and can only be retired (the "Retire" action).

Drafts are edited as pretty-printed JSON (:mod:`gongwen.definitions.json_editor`). A draft with
problems is saved (drafts may be incomplete) and every problem is shown with its pointer, code
and explanation, the same words as ``manage.py definitions validate``; publishing refuses it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from gongwen.definitions.actions import PublishDefinition, RetireDefinition, SaveDefinitionDraft
from gongwen.definitions.exceptions import InvalidDefinition
from gongwen.definitions.json_editor import DefinitionJSONField
from gongwen.definitions.models import DefinitionVersion, DocumentType, Draft
from gongwen.definitions.problems import Problem
from gongwen.definitions.versions import check_pair, storage_problems


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


def problem_list(problems: Iterable[Problem], language: str | None = None) -> SafeString:
    """Return every problem as an HTML list item: pointer, code and its explanation.

    The explanation is :meth:`Problem.message`, what ``manage.py definitions validate`` prints.
    """
    language = language or get_language() or "zh-hans"
    whole = _("(the whole definition)")
    return format_html(
        '<ul class="gongwen-problems">{}</ul>',
        format_html_join(
            "",
            "<li><code>{}</code> <code>{}</code> {}</li>",
            ((p.pointer or whole, p.code, p.message(language)) for p in problems),
        ),
    )


class DraftForm(forms.ModelForm):
    """A draft's form and flow as JSON text, checked by the one validator on every save.

    Text that is not JSON, or a document that cannot be stored (too large, too deep, NUL), is an
    error and nothing is saved. Every other problem is kept in :attr:`problems`: a draft may be
    incomplete, so it is saved and the problems are shown; publishing refuses it.
    """

    form = DefinitionJSONField(label=_("form definition"), required=False)
    flow = DefinitionJSONField(label=_("flow definition"), required=False)

    class Meta:
        model = Draft
        fields = ["document_type", "form", "flow"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: What the validator found in the submitted documents (set by :meth:`clean`).
        self.problems: list[Problem] = []

    def clean(self) -> dict[str, Any]:
        """Refuse what cannot be stored; keep the validator's problems for the warning."""
        cleaned = super().clean()
        doc_type = cleaned.get("document_type") or getattr(self.instance, "document_type", None)
        if self.errors or doc_type is None:
            return cleaned
        form, flow = cleaned.get("form"), cleaned.get("flow")
        language = get_language() or "zh-hans"
        blocking = storage_problems(form, flow)
        for found in blocking:
            field = "form" if found.pointer.startswith("/form") else "flow"
            self.add_error(field, f"{found.code}: {found.message(language)}")
        if not blocking:
            self.problems = check_pair(doc_type.key, form, flow)
        return cleaned


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    form = DraftForm
    list_display = ["document_type", "updated_by", "updated_at"]
    list_filter = ["document_type"]
    search_fields = ["document_type__key", "document_type__name_zh"]
    list_select_related = ["document_type", "updated_by"]
    readonly_fields = ["draft_problems", "updated_by", "updated_at"]
    actions = ["publish_drafts"]

    def get_fields(self, request: HttpRequest, obj: Draft | None = None) -> list[str]:
        fields = ["document_type", "form", "flow", "updated_by", "updated_at"]
        return fields if obj is None else ["document_type", "draft_problems", *fields[1:]]

    def get_readonly_fields(self, request: HttpRequest, obj: Draft | None = None) -> list:
        # A draft belongs to its document type: moving it would orphan the other type's draft.
        return [*self.readonly_fields, "document_type"] if obj else list(self.readonly_fields)

    @admin.display(description=_("problems"))
    def draft_problems(self, obj: Draft) -> str:
        """Return every problem of the stored draft (what publishing would refuse it for)."""
        problems = check_pair(obj.document_type.key, obj.form, obj.flow)
        if not problems:
            return _("None: the draft can be published.")
        return problem_list(problems)

    def save_model(self, request: HttpRequest, obj: Draft, form: DraftForm, change: bool) -> None:
        """Save through the action :class:`SaveDefinitionDraft` as the person saving; warn about
        every problem."""
        saved = SaveDefinitionDraft(
            obj.document_type.key, request.user, form=obj.form, flow=obj.flow
        ).execute()
        obj.pk, obj.updated_by, obj.updated_at = saved.pk, saved.updated_by, saved.updated_at
        if form.problems:
            heading = ngettext(
                "Saved with %(count)d problem; publishing needs it fixed:",
                "Saved with %(count)d problems; publishing needs them fixed:",
                len(form.problems),
            ) % {"count": len(form.problems)}
            self.message_user(
                request,
                format_html("{}{}", heading, problem_list(form.problems)),
                messages.WARNING,
            )

    def has_publish_permission(self, request: HttpRequest) -> bool:
        """Allow publishing to whoever may add versions (what the action asks for)."""
        return request.user.has_perm(PublishDefinition.permission)

    @admin.action(description=_("Publish the selected drafts"), permissions=["publish"])
    def publish_drafts(self, request: HttpRequest, queryset: QuerySet) -> None:
        """Publish each selected draft; report each refusal with every problem explained."""
        for draft in queryset.select_related("document_type"):
            try:
                version = PublishDefinition(draft.document_type.key, request.user).execute()
            except InvalidDefinition as exc:
                heading = _("%(name)s not published: %(count)d problem(s):") % {
                    "name": draft.document_type.display_name(),
                    "count": len(exc.problems),
                }
                self.message_user(
                    request,
                    format_html("{}{}", heading, problem_list(exc.problems)),
                    messages.ERROR,
                )
            else:
                self.message_user(
                    request,
                    _("%(name)s published as version %(version)d.")
                    % {"name": version.document_type.display_name(), "version": version.version},
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
        return request.user.has_perm(RetireDefinition.permission)

    @admin.action(description=_("Retire the selected versions"), permissions=["retire"])
    def retire_versions(self, request: HttpRequest, queryset: QuerySet) -> None:
        """Retire each selected version (running processes keep it)."""
        done = 0
        for version in queryset.select_related("document_type").filter(retired_at__isnull=True):
            RetireDefinition(version.document_type.key, version.version, request.user).execute()
            done += 1
        self.message_user(
            request,
            ngettext("%(count)d version retired.", "%(count)d versions retired.", done)
            % {"count": done},
            messages.SUCCESS,
        )

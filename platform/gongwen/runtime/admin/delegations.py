"""The admin of 委托 (delegations): made and revoked through the runtime's actions only.

The model is the organisation's (``org.Delegation``, ``/admin/org/delegation/``), but its admin
lives here: org may not import the runtime, and a delegation must be created by
:class:`~gongwen.runtime.actions.delegation.CreateDelegation` (checked and audited) and revoked
by :class:`~gongwen.runtime.actions.delegation.RevokeDelegation`, which also gives the
delegator back the tasks it routed to the delegate. A delegation is never edited or deleted in
place: revoke it and make a new one.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gongwen.definitions.models import DocumentType
from gongwen.errors import GongwenError
from gongwen.org.models import Delegation
from gongwen.runtime.actions.delegation import CreateDelegation, RevokeDelegation


class DelegationForm(forms.ModelForm):
    """The add form: the model's checks, then the action's (who may, scope, dates, overlap)."""

    actor: Any = None  # the person using the admin, set by DelegationAdmin.get_form

    class Meta:
        model = Delegation
        fields = ["delegator", "delegate", "starts_at", "ends_at", "scope", "reason"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        types = [(t.key, str(t)) for t in DocumentType.objects.order_by("key")]
        self.fields["scope"] = forms.ChoiceField(
            label=Delegation._meta.get_field("scope").verbose_name,
            choices=[("", _("All matters")), *types],
            required=False,
        )
        self.action: CreateDelegation | None = None

    def full_clean(self) -> None:
        """Validate as a model form; if that passes, ask the action whether it may run."""
        super().full_clean()
        if self.is_bound and not self._errors:
            self._check_action()

    def _check_action(self) -> None:
        data = self.cleaned_data
        self.action = CreateDelegation(
            self.actor,
            delegator=data.get("delegator"),
            delegate=data.get("delegate"),
            starts_at=data.get("starts_at"),
            ends_at=data.get("ends_at"),
            scope=data.get("scope") or "",
            reason=data.get("reason") or "",
        )
        try:
            self.action.check()
        except GongwenError as error:
            name = error.pointer.strip("/")
            self.add_error(name if name in self.fields else None, str(error))


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    """List, add (:class:`CreateDelegation`) and revoke (:class:`RevokeDelegation`) 委托."""

    form = DelegationForm
    list_display = ["delegator", "delegate", "starts_at", "ends_at", "scope", "revoked_at"]
    list_filter = ["scope", "starts_at"]
    search_fields = ["delegator__display_name", "delegate__display_name", "reason"]
    autocomplete_fields = ["delegator", "delegate"]
    actions = ["revoke"]

    def get_form(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> type:
        """Return the form, knowing who acts."""
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Refuse editing in place: a delegation is revoked, not changed."""
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Refuse deleting: the record of who stood in for whom stays."""
        return False

    def has_revoke_permission(self, request: HttpRequest) -> bool:
        """Allow the revoke action to those who may manage delegations."""
        return request.user.has_perm("org.change_delegation")

    def save_model(self, request: HttpRequest, obj: Delegation, form: Any, change: bool) -> None:
        """Create the delegation through its action (the form checked it already)."""
        result = form.action.execute()
        obj.pk = result.delegation_id
        if result.notes:
            self.message_user(
                request,
                _(
                    "The delegate's clearance is below the delegator's: on matters above it, "
                    "the delegator keeps the work."
                ),
                messages.WARNING,
            )

    @admin.action(description=_("Revoke the selected delegations"), permissions=["revoke"])
    def revoke(self, request: HttpRequest, queryset: QuerySet) -> None:
        """Revoke each selected delegation; say how many tasks went back, or why not."""
        for delegation in queryset.select_related("delegator", "delegate"):
            try:
                result = RevokeDelegation(delegation, request.user).execute()
            except GongwenError as error:
                self.message_user(request, f"{delegation}: {error}", messages.ERROR)
                continue
            count = len(result.given_back)
            text = ngettext(
                "%(delegation)s revoked; %(count)d task given back.",
                "%(delegation)s revoked; %(count)d tasks given back.",
                count,
            )
            self.message_user(request, text % {"delegation": delegation, "count": count})

"""Admin of seals: certificate details and the image are shown; the private key never is."""

from __future__ import annotations

import base64

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from gongwen.documents.seals.models import Seal


@admin.register(Seal)
class SealAdmin(admin.ModelAdmin):
    """Seals are issued by ``create_test_ca`` or an import; the admin edits status only."""

    list_display = ["organ_code", "organ_name", "provider", "active", "valid_until"]
    list_filter = ["active", "provider"]
    search_fields = ["organ_code", "organ_name"]
    exclude = ["encrypted_key", "key_kek_id", "image_png"]
    readonly_fields = [
        "organ_code",
        "organ_name",
        "seal_image",
        "certificate_subject",
        "certificate_pem",
        "chain_pem",
        "valid_from",
        "valid_until",
        "created_at",
    ]
    fields = [
        "seal_image",
        "organ_code",
        "organ_name",
        "department",
        "provider",
        "active",
        "certificate_subject",
        "valid_from",
        "valid_until",
        "certificate_pem",
        "chain_pem",
        "created_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        """Refuse adding by hand: a seal needs a key pair and a certificate issued together."""
        return False

    @admin.display(description=_("seal image"))
    def seal_image(self, obj: Seal) -> str:
        """Show the seal image inline (a data: URL, allowed by the admin's CSP)."""
        data = base64.b64encode(bytes(obj.image_png)).decode("ascii")
        return format_html('<img src="data:image/png;base64,{}" width="120" alt="">', data)

    @admin.display(description=_("certificate subject"))
    def certificate_subject(self, obj: Seal) -> str:
        """Return the certificate's subject in RFC 4514 form."""
        return obj.certificate().subject.rfc4514_string()

"""The seal of a 发文机关: its image, its certificate and its encrypted private key."""

from __future__ import annotations

from datetime import datetime

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongwen.documents.seals import checks  # noqa: F401  (registers gongwen.E020)
from gongwen.documents.seals.certificates import load_certificates
from gongwen.documents.seals.exceptions import SealUnavailable
from gongwen.documents.seals.keys import decrypt_private_key, encrypt_private_key
from gongwen.documents.seals.providers import DEFAULT_PROVIDER, provider_names


class Seal(models.Model):
    """One organ's seal. At most one active seal per organ code; old seals stay for the record.

    The private key is never shown, logged or serialised: only :meth:`private_key` decrypts
    it, in memory, for the signer.
    """

    organ_code = models.CharField(
        _("organ code"), max_length=20, help_text=_("发文机关代字, e.g. 县政办发.")
    )
    organ_name = models.CharField(_("organ name"), max_length=100)
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seals",
    )
    image_png = models.BinaryField(_("seal image (PNG)"), editable=False)
    certificate_pem = models.TextField(_("certificate (PEM)"))
    chain_pem = models.TextField(
        _("issuer chain (PEM)"), blank=True, help_text=_("Certificates of the issuing CAs.")
    )
    encrypted_key = models.BinaryField(editable=False, default=b"")
    key_kek_id = models.CharField(max_length=16, editable=False, blank=True)
    provider = models.CharField(_("seal provider"), max_length=50, default=DEFAULT_PROVIDER)
    active = models.BooleanField(_("active"), default=True)
    valid_from = models.DateTimeField(_("valid from"))
    valid_until = models.DateTimeField(_("valid until"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("seal")
        verbose_name_plural = _("seals")
        ordering = ["organ_code", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["organ_code"],
                condition=models.Q(active=True),
                name="documents_seal_one_active_per_organ",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__gt=models.F("valid_from")),
                name="documents_seal_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organ_name} ({self.organ_code})"

    def __repr__(self) -> str:
        return f"<Seal {self.pk} {self.organ_code}>"

    def clean(self) -> None:
        """Reject a provider name nobody registered."""
        if self.provider not in provider_names():
            raise ValidationError(
                {"provider": _("Unknown seal provider %(name)s.") % {"name": self.provider}}
            )

    def certificate(self) -> x509.Certificate:
        """Return the organ's signing certificate."""
        return load_certificates(self.certificate_pem.encode("ascii"))[0]

    def chain(self) -> list[x509.Certificate]:
        """Return the issuing CA certificates (may be empty)."""
        return load_certificates(self.chain_pem.encode("ascii")) if self.chain_pem else []

    def set_private_key(self, key: PrivateKeyTypes) -> None:
        """Encrypt ``key`` with the current key-encryption key and keep it (unsaved)."""
        self.encrypted_key, self.key_kek_id = encrypt_private_key(key)

    def private_key(self) -> PrivateKeyTypes:
        """Decrypt and return the private key (raises ``SealKeyError`` on a wrong KEK)."""
        return decrypt_private_key(bytes(self.encrypted_key), self.key_kek_id)

    def ensure_usable(self, at: datetime | None = None) -> None:
        """Raise :class:`SealUnavailable` unless the seal is active and valid at ``at``."""
        at = at or timezone.now()
        if not self.active:
            raise SealUnavailable(_("The seal of %(organ)s is not active.") % {"organ": self})
        if not self.valid_from <= at <= self.valid_until:
            raise SealUnavailable(
                _("The seal of %(organ)s is not valid at %(at)s.") % {"organ": self, "at": at}
            )

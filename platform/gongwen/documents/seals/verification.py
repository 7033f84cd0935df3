"""What a verification reports, and :func:`verify_pdf`, the one entry point for it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from cryptography import x509
from django.utils import timezone
from django.utils.translation import gettext as _

from gongwen.documents.seals.certificates import load_trust_roots
from gongwen.documents.seals.providers import DEFAULT_PROVIDER, get_seal_provider


class VerificationStatus(StrEnum):
    """Outcome of verifying a PDF, from best to worst (``unsigned`` stands apart)."""

    VALID = "valid"  # intact, unchanged since signing, chains to a trust root
    UNTRUSTED = "untrusted"  # intact and unchanged, but the certificate is not trusted
    MODIFIED = "modified"  # the signed content was changed after signing
    INVALID = "invalid"  # broken signature or unreadable PDF
    UNSIGNED = "unsigned"  # a readable PDF without signatures


_SEVERITY = {
    VerificationStatus.VALID: 0,
    VerificationStatus.UNTRUSTED: 1,
    VerificationStatus.MODIFIED: 2,
    VerificationStatus.INVALID: 3,
    VerificationStatus.UNSIGNED: 3,
}


@dataclass(frozen=True)
class Verification:
    """The verdict on one PDF; with several signatures, the worst one speaks for the file."""

    status: VerificationStatus
    signer: str = ""
    signed_at: datetime | None = None
    organ: str = ""
    details: tuple[str, ...] = field(default_factory=tuple)

    @property
    def is_valid(self) -> bool:
        """Return whether the PDF is signed, unchanged and trusted."""
        return self.status == VerificationStatus.VALID

    @property
    def message(self) -> str:
        """Return a sentence for a person, in the active language."""
        messages = {
            VerificationStatus.VALID: _("The signature is valid and the document is unchanged."),
            VerificationStatus.UNTRUSTED: _(
                "The document is unchanged, but the signing certificate is not trusted here."
            ),
            VerificationStatus.MODIFIED: _("The document was changed after it was signed."),
            VerificationStatus.INVALID: _("The signature is invalid or the PDF is damaged."),
            VerificationStatus.UNSIGNED: _("The document has no signature."),
        }
        return str(messages[self.status])

    def as_json(self) -> dict[str, Any]:
        """Return the JSON shape of the verify endpoint (times in the local zone, ISO 8601)."""
        return {
            "status": str(self.status),
            "signer": self.signer,
            "signed_at": timezone.localtime(self.signed_at).isoformat() if self.signed_at else None,
            "organ": self.organ,
            "message": self.message,
        }


def worst(results: Iterable[Verification]) -> Verification:
    """Return the result with the worst status, merging every result's details."""
    items = list(results)
    if not items:
        return Verification(VerificationStatus.UNSIGNED)
    chosen = max(items, key=lambda v: _SEVERITY[v.status])
    details = tuple(d for v in items for d in v.details)
    return Verification(chosen.status, chosen.signer, chosen.signed_at, chosen.organ, details)


def verify_pdf(
    pdf: bytes,
    *,
    trust_roots: Sequence[x509.Certificate] | None = None,
    provider: str = DEFAULT_PROVIDER,
) -> Verification:
    """Verify every signature in ``pdf``.

    Args:
        pdf: The PDF's bytes; anything else yields ``invalid``, never an exception.
        trust_roots: Root certificates to trust; by default those of
            ``GONGWEN["SEAL_TRUST_ROOTS"]``.
        provider: The registered seal provider that understands the signatures.
    """
    roots = list(trust_roots) if trust_roots is not None else load_trust_roots()
    return get_seal_provider(provider).verify(pdf, trust_roots=roots)

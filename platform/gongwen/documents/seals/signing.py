"""Sealing a 公文: only its 签发人 may do it; the result is the signed PDF, nothing else changes."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from gongwen.documents.seals.exceptions import NotAuthorisedToSign, SealPlacementError
from gongwen.documents.seals.placement import seal_box_over_date
from gongwen.documents.seals.providers import Box, get_seal_provider
from gongwen.documents.seals.readers import page_count

if TYPE_CHECKING:
    from gongwen.documents.seals.models import Seal
    from gongwen.org.models import User

DEFAULT_REASON = "公文用印"


def seal_document(
    pdf: bytes,
    *,
    seal: Seal,
    signer: User,
    authorised_signer: User | None,
    reason: str = DEFAULT_REASON,
    location: str = "",
    page: int = -1,
    box: Box | None = None,
    date_text: str | None = None,
    at: datetime | None = None,
) -> bytes:
    """Put ``seal`` over the 成文日期 and sign the final PDF in the name of ``signer``.

    Args:
        pdf: The final PDF of the 正文.
        seal: The 发文机关's seal.
        signer: The person triggering the seal step.
        authorised_signer: The document's 签发人; nobody else may seal.
        reason: Recorded signing reason.
        location: Recorded location; the organ's name if empty.
        page: Page of the seal, ``-1`` (last page) by default.
        box: Seal rectangle in PDF points; found over the 成文日期 when omitted.
        date_text: The 成文日期 as printed (``2026年11月25日``) to place the seal exactly.
        at: Signing time; now by default.

    Returns:
        The signed PDF (the input plus one incremental update).

    Raises:
        NotAuthorisedToSign: ``signer`` is not the 签发人 (checked before anything else).
        SealUnavailable: the seal is inactive or outside its validity.
        NotAPdf: ``pdf`` cannot be read.
        SealPlacementError: the page or the date cannot be found.
        UnknownSealProvider: the seal's provider is not registered.
        SealKeyError: the seal's private key cannot be decrypted.
        SigningFailed: the provider cannot sign this PDF (e.g. it is encrypted).
    """
    _check_signer(signer, authorised_signer)
    at = at or timezone.now()
    seal.ensure_usable(at)
    _check_page(pdf, page)
    provider = get_seal_provider(seal.provider)
    return provider.sign(
        pdf,
        seal=seal,
        signer_name=str(signer),
        reason=reason,
        location=location or seal.organ_name,
        page=page,
        box=box or seal_box_over_date(pdf, page=page, date_text=date_text),
        at=at,
    )


def _check_signer(signer: User, authorised_signer: User | None) -> None:
    if authorised_signer is None or signer.pk is None or signer.pk != authorised_signer.pk:
        raise NotAuthorisedToSign(
            _("Only the document's 签发人 (%(name)s) may seal it.")
            % {"name": authorised_signer or _("not set")}
        )
    if not signer.is_active:
        raise NotAuthorisedToSign(_("An inactive account may not seal documents."))


def _check_page(pdf: bytes, page: int) -> None:
    pages = page_count(pdf)
    if not -pages <= page < pages:
        raise SealPlacementError(f"The PDF has {pages} pages; page {page} does not exist.")

"""The default seal provider: PAdES signatures with pyHanko and a key held in the database.

Signing appends an incremental update to the PDF: a signature field whose widget shows the
seal image, and a CMS signature (``/ETSI.CAdES.detached``, SHA-256) by the organ's
certificate. Verification uses pyHanko's validator with the configured trust roots and its
difference analysis to tell harmless later updates from changed content.
"""

from __future__ import annotations

import io
import logging
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from PIL import Image
from pyhanko.pdf_utils import layout
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.fields import SigFieldSpec, SigSeedSubFilter
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner, SimpleSigner
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko.stamp import StaticStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from gongwen.documents.seals.exceptions import SigningFailed
from gongwen.documents.seals.keys import private_key_der
from gongwen.documents.seals.verification import Verification, VerificationStatus, worst

if TYPE_CHECKING:
    from pyhanko.sign.signers.pdf_signer import PdfSigningSession
    from pyhanko.sign.validation.status import PdfSignatureStatus

    from gongwen.documents.seals.models import Seal
    from gongwen.documents.seals.providers import Box

logger = logging.getLogger(__name__)

# A later signature (a countersigning organ) or DSS/timestamp updates are fine; anything that
# touches page content or adds annotations counts as a modification of the sealed document.
_ALLOWED_LATER_CHANGES = ModificationLevel.FORM_FILLING
_FULL_COVERAGE = (SignatureCoverageLevel.ENTIRE_FILE, SignatureCoverageLevel.ENTIRE_REVISION)


class _TimedPdfSigner(PdfSigner):
    """A ``PdfSigner`` that records the caller's signing time instead of the clock's."""

    def __init__(self, *args: Any, at: datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._at = at

    def init_signing_session(self, pdf_out: Any, existing_fields_only: bool = False) -> Any:
        session: PdfSigningSession = super().init_signing_session(
            pdf_out, existing_fields_only=existing_fields_only
        )
        session.system_time = self._at
        return session


class _LoadedKeySigner(SimpleSigner):
    """A ``SimpleSigner`` that signs RSA PKCS#1 v1.5 with the already-loaded key.

    pyHanko's ``SimpleSigner`` parses (and, for RSA, validates) the key again for every raw
    signature; that cost as much as the rest of signing put together. Other mechanisms fall
    back to pyHanko's own implementation.
    """

    def __init__(self, *, key: PrivateKeyTypes, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._key = key

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        try:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        except ValueError:  # mechanisms asn1crypto cannot name; pyHanko handles them below
            mechanism = ""
        if isinstance(self._key, rsa.RSAPrivateKey) and mechanism == "rsassa_pkcs1v15":
            algorithm = get_pyca_cryptography_hash(digest_algorithm)
            return self._key.sign(data, padding.PKCS1v15(), algorithm)
        return super().sign_raw(data, digest_algorithm)


class SoftwareSealProvider:
    """Sign with the seal's database-held key; verify any PAdES/PKCS#7 PDF signature."""

    def sign(
        self,
        pdf: bytes,
        *,
        seal: Seal,
        signer_name: str,
        reason: str,
        location: str,
        page: int,
        box: Box,
        at: datetime,
    ) -> bytes:
        """Return ``pdf`` sealed and signed (see :class:`SealProvider.sign`)."""
        field_name = f"GongwenSeal-{uuid.uuid4().hex[:12]}"
        meta = PdfSignatureMetadata(
            field_name=field_name,
            md_algorithm="sha256",
            subfilter=SigSeedSubFilter.PADES,
            reason=reason,
            location=location,
            name=signer_name,
        )
        spec = SigFieldSpec(
            sig_field_name=field_name, on_page=page, box=tuple(round(v) for v in box)
        )
        signer = _TimedPdfSigner(
            meta, _signer(seal), stamp_style=_stamp_style(seal), new_field_spec=spec, at=at
        )
        try:
            writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
            return signer.sign_pdf(writer, bytes_reserved=_reserved_bytes(seal)).getvalue()
        except (PdfError, SigningError) as exc:
            raise SigningFailed(f"pyHanko could not sign this PDF: {exc}") from exc

    def verify(self, pdf: bytes, *, trust_roots: Sequence[x509.Certificate]) -> Verification:
        """Verify every signature of ``pdf`` (see :class:`SealProvider.verify`)."""
        try:
            signatures = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_regular_signatures
        except Exception as exc:  # hostile or broken input must give "invalid", never a crash
            logger.info("Unreadable PDF submitted for verification: %s", type(exc).__name__)
            return Verification(VerificationStatus.INVALID, details=("not a readable PDF",))
        if not signatures:
            return Verification(VerificationStatus.UNSIGNED)
        context = ValidationContext(
            trust_roots=[_asn1_cert(c) for c in trust_roots],
            allow_fetching=False,
            revocation_mode="soft-fail",
        )
        return worst(_verify_one(sig, context) for sig in signatures)


def _verify_one(sig: Any, context: ValidationContext) -> Verification:
    try:
        status = validate_pdf_signature(sig, signer_validation_context=context)
    except Exception as exc:  # a malformed signature dictionary or CMS blob
        return Verification(
            VerificationStatus.INVALID, details=(f"{sig.field_name}: {type(exc).__name__}",)
        )
    verdict = _status_of(status)
    return Verification(
        verdict,
        signer=_text(sig.sig_object.get("/Name")) or _subject(sig.signer_cert, "common_name"),
        signed_at=status.signer_reported_dt,
        organ=_subject(sig.signer_cert, "organization_name"),
        details=(f"{sig.field_name}: {verdict}; {status.summary()}",),
    )


def _status_of(status: PdfSignatureStatus) -> VerificationStatus:
    if not status.intact:
        return VerificationStatus.MODIFIED  # the signed bytes no longer match the digest
    if not status.valid:
        return VerificationStatus.INVALID
    level = status.modification_level
    if (
        status.coverage not in _FULL_COVERAGE
        or level is None
        or level > _ALLOWED_LATER_CHANGES
        or status.docmdp_ok is False
    ):
        return VerificationStatus.MODIFIED
    if not status.trusted:
        return VerificationStatus.UNTRUSTED
    return VerificationStatus.VALID


def _signer(seal: Seal) -> SimpleSigner:
    key = seal.private_key()
    return _LoadedKeySigner(
        key=key,
        signing_cert=_asn1_cert(seal.certificate()),
        signing_key=asn1_keys.PrivateKeyInfo.load(private_key_der(key)),
        cert_registry=SimpleCertificateStore.from_certs([_asn1_cert(c) for c in seal.chain()]),
    )


def _reserved_bytes(seal: Seal) -> int:
    """Size the CMS placeholder from the certificates it embeds (skips a trial signature)."""
    certificates = [seal.certificate(), *seal.chain()]
    size = 8192 + sum(len(c.public_bytes(serialization.Encoding.DER)) for c in certificates)
    return size + size % 2  # pyHanko wants an even number


def _stamp_style(seal: Seal) -> StaticStampStyle:
    image = Image.open(io.BytesIO(bytes(seal.image_png))).convert("RGBA")
    return StaticStampStyle(
        background=PdfImage(image),
        border_width=0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(0),
            inner_content_scaling=layout.InnerScaling.SHRINK_TO_FIT,
        ),
    )


def _asn1_cert(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _subject(cert: asn1_x509.Certificate | None, attribute: str) -> str:
    if cert is None:
        return ""
    return str(cert.subject.native.get(attribute, ""))


def _text(value: Any) -> str:
    return str(value) if value is not None else ""

"""Verification tells valid, modified, untrusted, unsigned and invalid PDFs apart."""

from __future__ import annotations

import io
import zlib
from datetime import datetime

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.fields import SigFieldSpec
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner, SimpleSigner
from pyhanko_certvalidator.registry import SimpleCertificateStore

from gongwen.documents.seals.certificates import to_pem
from gongwen.documents.seals.samples import sample_document_pdf
from gongwen.documents.seals.signing import seal_document
from gongwen.documents.seals.software import _asn1_cert
from gongwen.documents.seals.verification import VerificationStatus, verify_pdf
from gongwen.org.models import User
from tests.documents.test_seals__support import (
    NOW,
    add_content_after_signing,
    flip_byte_in_content,
    make_seal,
    pki,
)

SIGNER = User(pk=7, username="chenming", display_name="陈明")


@pytest.fixture(scope="module")
def signed() -> bytes:
    return seal_document(
        sample_document_pdf(), seal=make_seal(), signer=SIGNER, authorised_signer=SIGNER, at=NOW
    )


def _status(pdf: bytes) -> VerificationStatus:
    return verify_pdf(pdf, trust_roots=[pki().root]).status


def test_untouched_signed_pdf_is_valid(signed: bytes) -> None:
    assert _status(signed) == VerificationStatus.VALID


def test_one_byte_changed_after_signing_is_modified(signed: bytes) -> None:
    tampered = flip_byte_in_content(signed)
    assert tampered != signed and len(tampered) == len(signed)
    assert _status(tampered) == VerificationStatus.MODIFIED


def test_incremental_update_adding_content_is_modified(signed: bytes) -> None:
    changed = add_content_after_signing(signed)
    assert changed.startswith(signed), "the signed revision itself is untouched"
    result = verify_pdf(changed, trust_roots=[pki().root])
    assert result.status == VerificationStatus.MODIFIED, result.details


def test_a_second_organs_signature_after_the_first_keeps_it_valid(signed: bytes) -> None:
    # 联合发文: a countersignature is a form-filling update, allowed after the first seal.
    p = pki()
    signer = SimpleSigner(
        signing_cert=_asn1_cert(p.organ_cert),
        signing_key=_asn1_key(p),
        cert_registry=SimpleCertificateStore.from_certs([_asn1_cert(p.root)]),
    )
    meta = PdfSignatureMetadata(field_name="Second", subfilter=None)
    spec = SigFieldSpec(sig_field_name="Second", box=(10, 10, 60, 60))
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    both = PdfSigner(meta, signer, new_field_spec=spec).sign_pdf(writer).getvalue()
    result = verify_pdf(both, trust_roots=[p.root])
    assert result.status == VerificationStatus.VALID, result.details
    assert len(result.details) == 2


def test_certificate_from_an_unknown_ca_is_untrusted(signed: bytes) -> None:
    other_root = pki("Some Other Root").root
    result = verify_pdf(signed, trust_roots=[other_root])
    assert result.status == VerificationStatus.UNTRUSTED
    assert result.signer == "陈明"
    assert verify_pdf(signed, trust_roots=[]).status == VerificationStatus.UNTRUSTED


def test_signed_by_another_ca_is_untrusted_against_our_roots() -> None:
    stranger = pki("Stranger CA")
    pdf = seal_document(
        sample_document_pdf(),
        seal=make_seal(stranger),
        signer=SIGNER,
        authorised_signer=SIGNER,
    )
    assert _status(pdf) == VerificationStatus.UNTRUSTED
    assert verify_pdf(pdf, trust_roots=[stranger.root]).status == VerificationStatus.VALID


def test_unsigned_and_garbage_input(signed: bytes) -> None:
    assert _status(sample_document_pdf()) == VerificationStatus.UNSIGNED
    for junk in (b"", b"not a pdf", b"%PDF-1.7\n%%EOF", signed[: len(signed) // 2]):
        assert _status(junk) == VerificationStatus.INVALID


def test_damaged_signature_value_is_invalid(signed: bytes) -> None:
    start = signed.index(b"/Contents <") + len(b"/Contents <")
    blob = signed[start : signed.index(b">", start)]
    at = start + len(blob.rstrip(b"0")) - 16  # inside the RSA signature value at the CMS end
    data = bytearray(signed)
    data[at : at + 4] = b"abcd" if data[at : at + 4] != b"abcd" else b"1234"
    assert _status(bytes(data)) == VerificationStatus.INVALID


def test_trust_roots_come_from_the_setting(signed: bytes, settings, tmp_path) -> None:
    roots = tmp_path / "roots"
    roots.mkdir()
    settings.GONGWEN = {"SEAL_TRUST_ROOTS": str(roots)}
    assert verify_pdf(signed).status == VerificationStatus.UNTRUSTED
    (roots / "root.pem").write_text(to_pem(pki().root))
    assert verify_pdf(signed).status == VerificationStatus.VALID
    single = tmp_path / "one.crt"
    single.write_text(to_pem(pki().root))
    settings.GONGWEN = {"SEAL_TRUST_ROOTS": str(single)}
    assert verify_pdf(signed).status == VerificationStatus.VALID


def test_json_shape_of_a_result(signed: bytes) -> None:
    data = verify_pdf(signed, trust_roots=[pki().root]).as_json()
    assert set(data) == {"status", "signer", "signed_at", "organ", "message"}
    assert data["status"] == "valid"
    assert data["signed_at"].endswith("+08:00")  # Asia/Shanghai
    assert datetime.fromisoformat(data["signed_at"]) == NOW


def test_decompression_bomb_added_after_signing_is_modified_not_a_crash(signed: bytes) -> None:
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    packer = zlib.compressobj(9)
    bomb = b"".join(packer.compress(bytes(1 << 20)) for _ in range(256)) + packer.flush()
    stream = generic.StreamObject(
        {generic.pdf_name("/Filter"): generic.pdf_name("/FlateDecode")}, encoded_data=bomb
    )
    writer.add_stream_to_page(0, writer.add_object(stream))
    out = io.BytesIO()
    writer.write(out)
    assert _status(out.getvalue()) == VerificationStatus.MODIFIED


def _asn1_key(p):
    from asn1crypto import keys

    from gongwen.documents.seals.keys import private_key_der

    return keys.PrivateKeyInfo.load(private_key_der(p.organ_key))

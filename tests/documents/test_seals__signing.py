"""Sealing puts the red seal over the 成文日期 and a PAdES signature by the organ's certificate."""

from __future__ import annotations

import io
from datetime import timedelta

import pdfplumber
import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from gongwen.documents.seals.exceptions import (
    NotAPdf,
    NotAuthorisedToSign,
    SealPlacementError,
    SealUnavailable,
)
from gongwen.documents.seals.providers import register_seal_provider, unregister_seal_provider
from gongwen.documents.seals.samples import sample_document_pdf
from gongwen.documents.seals.signing import seal_document
from gongwen.documents.seals.verification import VerificationStatus, verify_pdf
from gongwen.org.models import User
from tests.documents.test_seals__support import NOW, ORGAN, make_seal, pki

SIGNER = User(pk=7, username="chenming", display_name="陈明")
OTHER = User(pk=8, username="linfeng", display_name="林峰")


@pytest.fixture(scope="module")
def signed() -> bytes:
    pdf = sample_document_pdf(pages=2)
    return seal_document(pdf, seal=make_seal(), signer=SIGNER, authorised_signer=SIGNER, at=NOW)


def test_sealed_pdf_verifies_valid_with_signer_organ_and_time(signed: bytes) -> None:
    result = verify_pdf(signed, trust_roots=[pki().root])
    assert result.status == VerificationStatus.VALID, result.details
    assert (result.signer, result.organ) == ("陈明", ORGAN)
    assert result.signed_at == NOW


def test_signature_is_pades_with_reason_and_location(signed: bytes) -> None:
    (sig,) = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    assert sig.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    assert sig.sig_object["/Reason"] == "公文用印"
    assert sig.sig_object["/Location"] == ORGAN
    assert sig.sig_object["/Name"] == "陈明"


def test_seal_image_is_on_the_last_page_over_the_date(signed: bytes) -> None:
    reader = PdfFileReader(io.BytesIO(signed))
    (sig,) = reader.embedded_signatures
    widget = sig.sig_field
    x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
    assert widget["/P"].get_object() == reader.root["/Pages"]["/Kids"][1].get_object()
    appearance = widget["/AP"]["/N"]
    assert appearance["/Resources"]["/XObject"], "the appearance draws the seal image"
    with pdfplumber.open(io.BytesIO(signed)) as doc:
        page = doc.pages[-1]
        (date,) = page.search(r"2026年11月25日(?!印发)", regex=True)
        date_y = page.height - (date["top"] + date["bottom"]) / 2
    assert x1 < (date["x0"] + date["x1"]) / 2 < x2
    assert y1 < date_y < y1 + (y2 - y1) / 2, "the date sits in the lower half of the seal"
    assert round(x2 - x1) == 119  # 42 mm


def test_someone_other_than_the_signer_is_refused_and_nothing_is_signed() -> None:
    calls: list[str] = []

    class Spy:
        def sign(self, pdf: bytes, **kwargs: object) -> bytes:
            calls.append(str(kwargs["signer_name"]))
            return pdf

        def verify(self, pdf: bytes, **kwargs: object) -> object:
            raise AssertionError

    register_seal_provider("spy", Spy())
    try:
        seal = make_seal(provider="spy")
        pdf = sample_document_pdf()
        for authorised in (SIGNER, None):
            with pytest.raises(NotAuthorisedToSign):
                seal_document(
                    pdf, seal=seal, signer=OTHER, authorised_signer=authorised, box=(0, 0, 9, 9)
                )
        assert calls == []
        seal_document(pdf, seal=seal, signer=SIGNER, authorised_signer=SIGNER, box=(0, 0, 9, 9))
        assert calls == ["陈明"]
    finally:
        unregister_seal_provider("spy")


def test_inactive_signer_account_is_refused() -> None:
    inactive = User(pk=9, username="gone", is_active=False)
    with pytest.raises(NotAuthorisedToSign):
        seal_document(
            sample_document_pdf(), seal=make_seal(), signer=inactive, authorised_signer=inactive
        )


@pytest.mark.parametrize(
    "overrides",
    [
        {"active": False},
        {"valid_until": NOW - timedelta(seconds=1)},
        {"valid_from": NOW + timedelta(days=1)},
    ],
)
def test_unusable_seal_is_refused(overrides: dict) -> None:
    with pytest.raises(SealUnavailable):
        seal_document(
            sample_document_pdf(),
            seal=make_seal(**overrides),
            signer=SIGNER,
            authorised_signer=SIGNER,
            at=NOW,
        )


@pytest.mark.parametrize("data", [b"", b"hello", b"%PDF-1.7\n garbage", b"\x89PNG\r\n"])
def test_non_pdf_input_is_refused(data: bytes) -> None:
    with pytest.raises(NotAPdf):
        seal_document(data, seal=make_seal(), signer=SIGNER, authorised_signer=SIGNER)


def test_missing_page_or_date_is_a_placement_error() -> None:
    pdf = sample_document_pdf()
    with pytest.raises(SealPlacementError, match="page 3"):
        seal_document(pdf, seal=make_seal(), signer=SIGNER, authorised_signer=SIGNER, page=3)
    with pytest.raises(SealPlacementError, match="成文日期"):
        seal_document(
            pdf, seal=make_seal(), signer=SIGNER, authorised_signer=SIGNER, date_text="1999年1月1日"
        )


def test_explicit_page_and_box_are_used() -> None:
    pdf = sample_document_pdf(pages=3)
    signed = seal_document(
        pdf,
        seal=make_seal(),
        signer=SIGNER,
        authorised_signer=SIGNER,
        page=0,
        box=(100, 100, 200, 200),
    )
    reader = PdfFileReader(io.BytesIO(signed))
    (sig,) = reader.embedded_signatures
    assert [round(float(v)) for v in sig.sig_field["/Rect"]] == [100, 100, 200, 200]
    assert sig.sig_field["/P"].get_object() == reader.root["/Pages"]["/Kids"][0].get_object()
    assert signed.startswith(pdf), "signing only appends an incremental update"


def test_an_ecdsa_seal_key_signs_and_verifies_too() -> None:
    from cryptography.hazmat.primitives.asymmetric import ec

    from gongwen.documents.seals.certificates import issue_organ_certificate, to_pem

    p = pki()
    key = ec.generate_private_key(ec.SECP256R1())
    cert = issue_organ_certificate(
        ca_cert=p.root,
        ca_key=p.root_key,
        organ_name=ORGAN,
        organ_code="县政办发",
        public_key=key.public_key(),
        valid_from=NOW - timedelta(days=1),
    )
    seal = make_seal(certificate_pem=to_pem(cert))
    seal.set_private_key(key)
    signed = seal_document(
        sample_document_pdf(), seal=seal, signer=SIGNER, authorised_signer=SIGNER
    )
    assert verify_pdf(signed, trust_roots=[p.root]).status == VerificationStatus.VALID


def test_an_encrypted_pdf_is_a_signing_error_not_a_crash() -> None:
    from pyhanko.pdf_utils import generic, writer

    from gongwen.documents.seals.exceptions import SigningFailed

    out = writer.PdfFileWriter()
    page = writer.PageObject(out.add_object(generic.StreamObject(stream_data=b"")), (0, 0, 9, 9))
    out.insert_page(page)
    out.encrypt("owner", "user")
    buffer = io.BytesIO()
    out.write(buffer)
    with pytest.raises(SigningFailed):
        seal_document(
            buffer.getvalue(),
            seal=make_seal(),
            signer=SIGNER,
            authorised_signer=SIGNER,
            box=(1, 1, 5, 5),
        )

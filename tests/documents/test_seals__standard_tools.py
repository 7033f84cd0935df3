"""A sealed PDF verifies with standard tools: poppler's pdfsig (NSS) and pyHanko's validator."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from gongwen.documents.seals.certificates import to_pem
from gongwen.documents.seals.samples import sample_document_pdf
from gongwen.documents.seals.signing import seal_document
from gongwen.documents.seals.software import _asn1_cert
from gongwen.org.models import User
from tests.documents.test_seals__support import ORGAN, flip_byte_in_content, make_seal, pki

SIGNER = User(pk=7, username="chenming", display_name="陈明")
# CI installs poppler-utils and libnss3-tools (.ci/run); elsewhere a missing tool skips.
_TOOLS = [shutil.which("pdfsig"), shutil.which("certutil")]
needs_tools = pytest.mark.skipif(
    not all(_TOOLS) and not os.environ.get("CI"), reason="pdfsig/certutil not installed"
)


@pytest.fixture(scope="module")
def signed() -> bytes:
    pdf = sample_document_pdf()
    return seal_document(pdf, seal=make_seal(), signer=SIGNER, authorised_signer=SIGNER)


@pytest.fixture(scope="module")
def nss_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An NSS database that trusts the test root for signing (what pdfsig consults)."""
    db = tmp_path_factory.mktemp("nss")
    root = db / "root.pem"
    root.write_text(to_pem(pki().root))
    _run(["certutil", "-N", "-d", f"sql:{db}", "--empty-password"])
    _run(
        [
            "certutil",
            "-A",
            "-d",
            f"sql:{db}",
            "-n",
            "gongwen-test-root",
            "-t",
            "C,C,C",
            "-i",
            str(root),
        ]
    )
    return db


def _run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=60, check=False, **kwargs)  # noqa: S603 (fixed tool names, test data)


def _pdfsig(pdf: bytes, nss: Path, tmp_path: Path) -> str:
    path = tmp_path / "sealed.pdf"
    path.write_bytes(pdf)
    # No -no-ocsp: poppler 22.12 reports "Unknown issue" with it; our certificates carry no
    # OCSP/AIA address, so nothing is fetched.
    return _run(["pdfsig", "-nssdir", f"sql:{nss}", str(path)]).stdout


@needs_tools
def test_pdfsig_reports_a_valid_trusted_signature_by_the_organ(signed, nss_db, tmp_path) -> None:
    out = _pdfsig(signed, nss_db, tmp_path)
    assert "Signature Validation: Signature is Valid." in out
    assert "Certificate Validation: Certificate is Trusted." in out
    assert f"Signer Certificate Common Name: {ORGAN}" in out
    assert "Signature Type: ETSI.CAdES.detached" in out
    assert "Total document signed" in out


@needs_tools
def test_pdfsig_reports_a_tampered_pdf(signed, nss_db, tmp_path) -> None:
    out = _pdfsig(flip_byte_in_content(signed), nss_db, tmp_path)
    assert "Signature is Valid" not in out
    assert "Digest Mismatch" in out


def test_pyhanko_validator_accepts_it_directly(signed: bytes) -> None:
    (sig,) = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    context = ValidationContext(trust_roots=[_asn1_cert(pki().root)])
    status = validate_pdf_signature(sig, signer_validation_context=context)
    assert status.bottom_line, status.pretty_print_details()
    assert status.intact and status.valid and status.trusted


def test_pyhanko_validator_rejects_one_changed_byte(signed: bytes) -> None:
    (sig,) = PdfFileReader(io.BytesIO(flip_byte_in_content(signed))).embedded_signatures
    context = ValidationContext(trust_roots=[_asn1_cert(pki().root)])
    status = validate_pdf_signature(sig, signer_validation_context=context)
    assert not status.intact and not status.bottom_line

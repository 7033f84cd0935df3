"""Seal providers are a typed registry: SM2 or hardware providers can replace the software one."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.core.management import CommandError, call_command

from gongwen.documents.seals.certificates import to_pem
from gongwen.documents.seals.exceptions import DuplicateSealProvider, UnknownSealProvider
from gongwen.documents.seals.providers import (
    DEFAULT_PROVIDER,
    SealProvider,
    get_seal_provider,
    provider_names,
    register_seal_provider,
    unregister_seal_provider,
)
from gongwen.documents.seals.samples import sample_document_pdf
from gongwen.documents.seals.signing import seal_document
from gongwen.documents.seals.software import SoftwareSealProvider
from gongwen.documents.seals.verification import Verification, VerificationStatus, verify_pdf
from gongwen.org.models import User
from tests.documents.test_seals__support import flip_byte_in_content, make_seal, pki

SIGNER = User(pk=7, username="chenming", display_name="陈明")


class FakeSm2Provider:
    """Stands in for a GB/T 38540 provider: marks the PDF, verifies its own mark."""

    def sign(self, pdf: bytes, **kwargs: object) -> bytes:
        return pdf + b"%SM2-SEALED\n"

    def verify(self, pdf: bytes, **kwargs: object) -> Verification:
        ok = pdf.endswith(b"%SM2-SEALED\n")
        return Verification(VerificationStatus.VALID if ok else VerificationStatus.UNSIGNED)


@pytest.fixture
def sm2():
    register_seal_provider("sm2", FakeSm2Provider())
    yield
    unregister_seal_provider("sm2")


def test_software_provider_is_registered_by_default() -> None:
    assert DEFAULT_PROVIDER in provider_names()
    assert isinstance(get_seal_provider("software"), SoftwareSealProvider)
    assert isinstance(SoftwareSealProvider(), SealProvider)


def test_seal_selects_its_provider_by_name(sm2) -> None:
    seal = make_seal(provider="sm2")
    pdf = sample_document_pdf()
    out = seal_document(pdf, seal=seal, signer=SIGNER, authorised_signer=SIGNER, box=(1, 1, 2, 2))
    assert out == pdf + b"%SM2-SEALED\n"
    assert verify_pdf(out, provider="sm2").is_valid


def test_unknown_provider_is_a_clear_error() -> None:
    with pytest.raises(UnknownSealProvider, match=r"'hsm'.*software"):
        get_seal_provider("hsm")
    with pytest.raises(UnknownSealProvider):
        seal_document(
            sample_document_pdf(),
            seal=make_seal(provider="hsm"),
            signer=SIGNER,
            authorised_signer=SIGNER,
            box=(1, 1, 2, 2),
        )


def test_duplicates_and_malformed_providers_are_refused(sm2) -> None:
    with pytest.raises(DuplicateSealProvider):
        register_seal_provider("sm2", FakeSm2Provider())
    register_seal_provider("sm2", FakeSm2Provider(), replace=True)
    with pytest.raises(TypeError, match="sign"):
        register_seal_provider("broken", object())  # type: ignore[arg-type]
    assert "broken" not in provider_names()


@pytest.mark.django_db
def test_system_check_reports_seals_with_an_unregistered_provider(sm2) -> None:
    make_seal(provider="sm2").save()
    assert not [m for m in run_checks(databases=["default"]) if m.id == "gongwen.E020"]
    unregister_seal_provider("sm2")
    errors = [m for m in run_checks(databases=["default"]) if m.id == "gongwen.E020"]
    assert len(errors) == 1 and "'sm2'" in errors[0].msg


@pytest.mark.django_db
def test_model_validation_rejects_an_unknown_provider() -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Unknown seal provider"):
        make_seal(provider="nope").full_clean()


def test_verify_pdf_command_exit_status(tmp_path: Path, settings) -> None:
    settings.GONGWEN = {"SEAL_TRUST_ROOTS": str(tmp_path / "no-roots")}
    signed = seal_document(
        sample_document_pdf(), seal=make_seal(), signer=SIGNER, authorised_signer=SIGNER
    )
    root = tmp_path / "root.pem"
    root.write_text(to_pem(pki().root))
    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    good.write_bytes(signed)
    bad.write_bytes(flip_byte_in_content(signed))
    out = io.StringIO()
    call_command("verify_pdf", str(good), "--trust-root", str(root), stdout=out)
    assert "status:    valid" in out.getvalue() and "signer:    陈明" in out.getvalue()
    with pytest.raises(CommandError, match="modified") as raised:
        call_command("verify_pdf", str(bad), "--trust-root", str(root), stdout=io.StringIO())
    assert raised.value.returncode == 1
    with pytest.raises(CommandError, match="untrusted"):
        call_command("verify_pdf", str(good), stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("verify_pdf", str(tmp_path / "missing.pdf"), stdout=io.StringIO())

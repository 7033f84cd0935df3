"""``create_test_ca`` gives every demo organ a working seal, trusted via the configured roots."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image

from gongwen.documents.seals.certificates import load_trust_roots
from gongwen.documents.seals.images import find_cjk_font, render_seal_png
from gongwen.documents.seals.models import Seal
from gongwen.documents.seals.samples import sample_document_pdf
from gongwen.documents.seals.signing import seal_document
from gongwen.documents.seals.testca import DEMO_ORGANS
from gongwen.documents.seals.verification import VerificationStatus, verify_pdf

CODES = {code for code, _ in DEMO_ORGANS}


@pytest.fixture
def roots(settings, tmp_path: Path) -> Path:
    path = tmp_path / "trust"
    settings.GONGWEN = {"SEAL_TRUST_ROOTS": str(path)}
    return path


def _run(out: Path) -> str:
    buffer = io.StringIO()
    call_command("create_test_ca", "--out", str(out), stdout=buffer)
    return buffer.getvalue()


def test_every_demo_organ_gets_a_seal_named_after_its_department(demo, roots, tmp_path) -> None:
    output = _run(tmp_path / "pki")
    seals = {s.organ_code: s for s in Seal.objects.filter(active=True)}
    assert set(seals) == CODES and f"{len(CODES)} created, 0 kept" in output
    assert seals["县政办发"].organ_name == "清河县人民政府办公室"
    assert seals["县委办发"].organ_name == "中共清河县委办公室"
    assert seals["县档发"].department == demo["depts"]["dag"]
    assert seals["县政办函"].department == demo["depts"]["zfb"]
    assert (tmp_path / "pki" / "test-root-ca.key").stat().st_mode & 0o077 == 0
    assert b"PRIVATE KEY" not in (tmp_path / "pki" / "test-root-ca.key").read_bytes()


def test_running_it_again_changes_nothing(db, roots, tmp_path) -> None:
    _run(tmp_path / "pki")
    before = dict(Seal.objects.values_list("organ_code", "certificate_pem"))
    output = _run(tmp_path / "pki")
    assert f"0 created, {len(CODES)} kept" in output
    assert dict(Seal.objects.values_list("organ_code", "certificate_pem")) == before
    assert Seal.objects.count() == len(CODES)
    assert len(load_trust_roots()) == 1


def test_a_new_ca_replaces_the_seals_and_keeps_the_old_ones_inactive(db, roots, tmp_path) -> None:
    _run(tmp_path / "first")
    _run(tmp_path / "second")
    assert Seal.objects.filter(active=True).count() == len(CODES)
    assert Seal.objects.filter(active=False).count() == len(CODES)


def test_seals_from_the_test_ca_sign_and_verify_valid(demo, roots, tmp_path) -> None:
    _run(tmp_path / "pki")
    assert (roots / "gongwen-test-root-ca.pem").exists()
    seal = Seal.objects.get(organ_code="县财发", active=True)
    signer = demo["users"]["tangjun"]
    pdf = sample_document_pdf(organ_name=seal.organ_name)
    signed = seal_document(pdf, seal=seal, signer=signer, authorised_signer=signer)
    result = verify_pdf(signed)
    assert result.status == VerificationStatus.VALID, result.details
    assert (result.signer, result.organ) == ("唐军", "清河县财政局")


def test_trust_root_can_be_a_single_file(db, settings, tmp_path) -> None:
    bundle = tmp_path / "roots.pem"
    settings.GONGWEN = {"SEAL_TRUST_ROOTS": str(bundle)}
    _run(tmp_path / "pki")
    _run(tmp_path / "pki")
    assert bundle.read_text().count("BEGIN CERTIFICATE") == 1


def test_seal_image_is_a_red_png_with_a_transparent_background() -> None:
    image = Image.open(io.BytesIO(render_seal_png("清河县教育局", size=200)))
    assert (image.format, image.mode, image.size) == ("PNG", "RGBA", (200, 200))
    assert image.getpixel((0, 0))[3] == 0 and image.getpixel((199, 199))[3] == 0
    opaque = [p for p in _pixels(image) if p[3] > 200]
    assert opaque and all(r > 200 and g < 60 and b < 60 for r, g, b, _ in opaque)
    star_centre = image.getpixel((100, 100))
    assert star_centre[3] == 255


@pytest.mark.skipif(find_cjk_font() is None, reason="no CJK font installed")
def test_seal_image_has_the_organ_name_when_a_cjk_font_exists() -> None:
    def red_pixels(png: bytes) -> int:
        return sum(1 for p in _pixels(Image.open(io.BytesIO(png))) if p[3] > 200)

    with_name = red_pixels(render_seal_png("清河县教育局", size=200))
    without = red_pixels(render_seal_png("", size=200))
    assert with_name > without * 1.2


def _pixels(image: Image.Image) -> list[bytes]:
    data = image.tobytes()
    return [data[i : i + 4] for i in range(0, len(data), 4)]


def test_a_changed_seal_key_is_a_clear_command_error(db, roots, tmp_path, monkeypatch) -> None:
    from django.core.management import CommandError

    from gongwen.documents.seals.keys import SEAL_KEY_ENV

    monkeypatch.setenv(SEAL_KEY_ENV, "first secret")
    _run(tmp_path / "pki")
    monkeypatch.setenv(SEAL_KEY_ENV, "second secret")
    with pytest.raises(CommandError, match="key-encryption key"):
        _run(tmp_path / "pki")

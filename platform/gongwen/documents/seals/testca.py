"""A local test CA and one seal per demo organ (``manage.py create_test_ca``); idempotent.

The CA's key is written to ``<out>/test-root-ca.key`` as PKCS#8 encrypted with the same
key-encryption key as the seals (see :mod:`.keys`); its certificate goes to ``<out>`` and to
the trust roots (``GONGWEN["SEAL_TRUST_ROOTS"]``). For demos and tests only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPrivateKeyTypes
from django.db import transaction
from django.utils import timezone

from gongwen.documents.numbering.demo import ISSUING
from gongwen.documents.seals.certificates import (
    CERT_SUFFIXES,
    create_root_ca,
    generate_key,
    issue_organ_certificate,
    to_pem,
    trust_roots_path,
)
from gongwen.documents.seals.exceptions import SealKeyError
from gongwen.documents.seals.images import render_seal_png
from gongwen.documents.seals.keys import decrypt_private_key, encrypt_private_key
from gongwen.documents.seals.models import Seal
from gongwen.org.demo import DEPARTMENTS
from gongwen.org.models import Department

CA_NAME = "Gongwen Test Root CA (清河县, not for production)"
ROOT_FILE = "gongwen-test-root-ca.pem"
#: 发文机关代字 → code of the demo department that issues under it: one seal per series
#: that documents are sealed under (every demo series but the 收文 registers).
DEMO_ORGANS: tuple[tuple[str, str], ...] = ISSUING


@dataclass
class CaReport:
    """What :func:`ensure_test_ca` did."""

    root_certificate: Path
    trust_root: Path
    ca_created: bool = False
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def ensure_test_ca(out_dir: Path) -> CaReport:
    """Create (or reuse) the test CA in ``out_dir`` and a valid seal for every demo organ."""
    out_dir.mkdir(parents=True, exist_ok=True)
    ca_cert, ca_key, created = _load_or_create_ca(out_dir)
    report = CaReport(out_dir / ROOT_FILE, _install_trust_root(ca_cert), ca_created=created)
    names = {code: name for code, name, *_ in DEPARTMENTS}
    now = timezone.now()
    with transaction.atomic():
        for organ_code, dept_code in DEMO_ORGANS:
            current = Seal.objects.filter(organ_code=organ_code, active=True).first()
            if current and _issued_by(current, ca_cert) and current.valid_until > now:
                report.kept.append(organ_code)
                continue
            if current:
                current.active = False
                current.save(update_fields=["active"])
            _create_seal(organ_code, names[dept_code], dept_code, ca_cert, ca_key, now)
            report.created.append(organ_code)
    return report


def _load_or_create_ca(
    out_dir: Path,
) -> tuple[x509.Certificate, CertificateIssuerPrivateKeyTypes, bool]:
    cert_path, key_path = out_dir / ROOT_FILE, out_dir / "test-root-ca.key"
    if cert_path.exists() and key_path.exists():
        kek_id, _, encrypted = key_path.read_bytes().partition(b"\n")
        key = decrypt_private_key(encrypted, kek_id.decode("ascii"))
        if not isinstance(key, rsa.RSAPrivateKey):
            raise SealKeyError(f"{key_path} does not hold the test CA's RSA key.")
        return x509.load_pem_x509_certificate(cert_path.read_bytes()), key, False
    key = generate_key()
    cert = create_root_ca(CA_NAME, key, valid_from=timezone.now())
    encrypted, kek_id = encrypt_private_key(key)
    key_path.write_bytes(kek_id.encode("ascii") + b"\n" + encrypted)
    key_path.chmod(0o600)
    cert_path.write_text(to_pem(cert))
    return cert, key, True


def _install_trust_root(ca_cert: x509.Certificate) -> Path:
    """Put the root where verification looks: into the roots directory, or append to the file."""
    target = trust_roots_path()
    pem = to_pem(ca_cert)
    if target.suffix.lower() in CERT_SUFFIXES:
        target.parent.mkdir(parents=True, exist_ok=True)
        existing = target.read_text() if target.exists() else ""
        if pem not in existing:
            target.write_text(existing + pem)
        return target
    target.mkdir(parents=True, exist_ok=True)
    path = target / ROOT_FILE
    path.write_text(pem)
    return path


def _issued_by(seal: Seal, ca_cert: x509.Certificate) -> bool:
    try:
        seal.certificate().verify_directly_issued_by(ca_cert)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _create_seal(
    organ_code: str,
    organ_name: str,
    dept_code: str,
    ca_cert: x509.Certificate,
    ca_key: CertificateIssuerPrivateKeyTypes,
    now: datetime,
) -> Seal:
    key = generate_key()
    cert = issue_organ_certificate(
        ca_cert=ca_cert,
        ca_key=ca_key,
        organ_name=organ_name,
        organ_code=organ_code,
        public_key=key.public_key(),
        valid_from=now,
    )
    seal = Seal(
        organ_code=organ_code,
        organ_name=organ_name,
        department=Department.objects.filter(code=dept_code).first(),
        image_png=render_seal_png(organ_name),
        certificate_pem=to_pem(cert),
        chain_pem=to_pem(ca_cert),
        valid_from=cert.not_valid_before_utc,
        valid_until=min(cert.not_valid_after_utc, now + timedelta(days=365 * 5)),
    )
    seal.set_private_key(key)
    seal.save()
    return seal

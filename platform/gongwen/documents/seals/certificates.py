"""X.509 for seals: a local test CA, organ certificates and the configured trust roots.

A production installation gets organ certificates from a real CA (for example a provincial
electronic-seal CA) and puts its root into ``GONGWEN["SEAL_TRUST_ROOTS"]``; the test CA here is
for demos and tests only.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.types import (
    CertificateIssuerPrivateKeyTypes,
    CertificateIssuerPublicKeyTypes,
)
from cryptography.x509.oid import NameOID
from django.conf import settings

from gongwen.conf import gongwen_settings

CERT_SUFFIXES = (".pem", ".crt", ".cer", ".der")


def generate_key() -> rsa.RSAPrivateKey:
    """Return a new RSA-2048 key (the widest reader support for PAdES today)."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def create_root_ca(
    name: str, key: CertificateIssuerPrivateKeyTypes, *, valid_from: datetime, years: int = 10
) -> x509.Certificate:
    """Return a self-signed root CA certificate for ``name``."""
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
            x509.NameAttribute(NameOID.COMMON_NAME, name),
        ]
    )
    public = key.public_key()
    return (
        _builder(subject, subject, public, valid_from, years)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_usage(cert_sign=True), critical=True)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )


def issue_organ_certificate(
    *,
    ca_cert: x509.Certificate,
    ca_key: CertificateIssuerPrivateKeyTypes,
    organ_name: str,
    organ_code: str,
    public_key: CertificateIssuerPublicKeyTypes,
    valid_from: datetime,
    years: int = 5,
) -> x509.Certificate:
    """Return a signing certificate for one 发文机关, issued by ``ca_cert``."""
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organ_name),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, organ_code),
            x509.NameAttribute(NameOID.COMMON_NAME, organ_name),
        ]
    )
    aki = x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key())
    return (
        _builder(subject, ca_cert.subject, public_key, valid_from, years)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_usage(cert_sign=False), critical=True)
        .add_extension(aki, critical=False)
        .sign(ca_key, hashes.SHA256())
    )


def _builder(
    subject: x509.Name,
    issuer: x509.Name,
    public: CertificateIssuerPublicKeyTypes,
    valid_from: datetime,
    years: int,
) -> x509.CertificateBuilder:
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(valid_from - timedelta(minutes=5))
        .not_valid_after(valid_from + timedelta(days=365 * years))
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
    )


def _usage(*, cert_sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not cert_sign,
        content_commitment=not cert_sign,  # non-repudiation: the seal commits the organ
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )


def to_pem(cert: x509.Certificate) -> str:
    """Return ``cert`` as PEM text."""
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def load_certificates(data: bytes) -> list[x509.Certificate]:
    """Return every certificate in PEM ``data`` (or the one DER certificate)."""
    if b"-----BEGIN CERTIFICATE-----" in data:
        return x509.load_pem_x509_certificates(data)
    return [x509.load_der_x509_certificate(data)]


def subject_value(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    """Return the first value of ``oid`` in ``name`` or an empty string."""
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def trust_roots_path() -> Path:
    """Return where the trust roots live: ``GONGWEN["SEAL_TRUST_ROOTS"]`` or var/pki/roots."""
    configured = gongwen_settings.SEAL_TRUST_ROOTS
    return Path(configured) if configured else Path(settings.VAR_DIR) / "pki" / "roots"


def load_trust_roots(path: Path | None = None) -> list[x509.Certificate]:
    """Load the trust roots from a certificate file or a directory of them.

    A missing path means no roots: every signature is then reported untrusted.
    """
    path = path or trust_roots_path()
    if path.is_file():
        files = [path]
    elif path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in CERT_SUFFIXES)
    else:
        return []
    roots: list[x509.Certificate] = []
    for file in files:
        roots.extend(load_certificates(file.read_bytes()))
    return roots

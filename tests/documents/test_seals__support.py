"""Shared helpers of the seal tests (no tests here): a cached test PKI and seal factory."""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa

from gongwen.documents.seals.certificates import (
    create_root_ca,
    generate_key,
    issue_organ_certificate,
    to_pem,
)
from gongwen.documents.seals.images import render_seal_png
from gongwen.documents.seals.models import Seal

ORGAN = "清河县人民政府办公室"
NOW = datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class Pki:
    """A root CA and one organ certificate issued by it."""

    root: x509.Certificate
    root_key: rsa.RSAPrivateKey
    organ_cert: x509.Certificate
    organ_key: rsa.RSAPrivateKey


@functools.cache
def pki(name: str = "Seal Test Root") -> Pki:
    """Return a PKI made once per test process (RSA key generation is the slow part)."""
    root_key = generate_key()
    root = create_root_ca(name, root_key, valid_from=NOW - timedelta(days=1))
    organ_key = generate_key()
    organ_cert = issue_organ_certificate(
        ca_cert=root,
        ca_key=root_key,
        organ_name=ORGAN,
        organ_code="县政办发",
        public_key=organ_key.public_key(),
        valid_from=NOW - timedelta(days=1),
    )
    return Pki(root, root_key, organ_cert, organ_key)


@functools.cache
def seal_png() -> bytes:
    """Return the demo seal image of :data:`ORGAN` (drawn once)."""
    return render_seal_png(ORGAN, size=300)


def make_seal(p: Pki | None = None, **overrides: object) -> Seal:
    """Return an unsaved seal of :data:`ORGAN` with the PKI's certificate and key."""
    p = p or pki()
    fields = {
        "organ_code": "县政办发",
        "organ_name": ORGAN,
        "image_png": seal_png(),
        "certificate_pem": to_pem(p.organ_cert),
        "chain_pem": to_pem(p.root),
        "valid_from": NOW - timedelta(days=1),
        "valid_until": NOW + timedelta(days=365),
    }
    fields.update(overrides)
    seal = Seal(**fields)
    seal.set_private_key(p.organ_key)
    return seal


def flip_byte_in_content(pdf: bytes) -> bytes:
    """Change one hex digit of the first text-showing operator (inside the signed range)."""
    at = pdf.index(b"> Tj") - 1
    data = bytearray(pdf)
    data[at] = ord("1") if data[at] != ord("1") else ord("2")
    return bytes(data)


def add_content_after_signing(pdf: bytes) -> bytes:
    """Append an incremental update that draws extra text on page 1."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    stream = generic.StreamObject(stream_data=b"BT /F1 16 Tf 100 100 Td <00410042> Tj ET")
    writer.add_stream_to_page(0, writer.add_object(stream))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()

"""Private keys of seals, stored as encrypted PKCS#8.

The key-encryption key (KEK) is derived with HKDF-SHA256 from ``GONGWEN_SEAL_KEY`` (an
environment variable holding a long random secret) or, when that is unset, from Django's
``SECRET_KEY``. The derived 256-bit KEK is the PKCS#8 password (PBES2, AES-256-CBC). A short
KEK id is stored beside each key so a rotated or wrong KEK gives a clear error instead of a
decryption failure. docs/documents/seals.md discusses the trade-off of the fallback.

Nothing here logs or returns key material in an exception message.
"""

from __future__ import annotations

import base64
import hashlib
import os

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from gongwen.documents.seals.exceptions import SealKeyError

SEAL_KEY_ENV = "GONGWEN_SEAL_KEY"
_SALT = b"gongwen.documents.seals/kek/v1"
_INFO = b"PKCS#8 password of seal private keys"


def kek_source() -> str:
    """Return the name of the secret the KEK is derived from (for messages, never the value)."""
    return SEAL_KEY_ENV if os.environ.get(SEAL_KEY_ENV) else "SECRET_KEY"


def key_encryption_key(secret: str | None = None) -> bytes:
    """Derive the 32-byte key-encryption key.

    Args:
        secret: The secret to derive from (rotation scripts pass the old and the new one);
            by default ``GONGWEN_SEAL_KEY``, or ``SECRET_KEY`` when that is unset.
    """
    source = secret or os.environ.get(SEAL_KEY_ENV) or settings.SECRET_KEY
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=_SALT, info=_INFO)
    return hkdf.derive(source.encode("utf-8"))


def kek_id(kek: bytes) -> str:
    """Return a short, non-secret identifier of ``kek`` (stored beside each encrypted key)."""
    return hashlib.sha256(b"gongwen-kek-id:" + kek).hexdigest()[:16]


def encrypt_private_key(key: PrivateKeyTypes, *, kek: bytes | None = None) -> tuple[bytes, str]:
    """Return ``(encrypted PKCS#8 DER, KEK id)`` for ``key``."""
    kek = kek if kek is not None else key_encryption_key()
    encrypted = key.private_bytes(
        encoding=serialization.Encoding.DER,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.BestAvailableEncryption(_password(kek)),
    )
    return encrypted, kek_id(kek)


def decrypt_private_key(
    encrypted: bytes, stored_kek_id: str, *, kek: bytes | None = None
) -> PrivateKeyTypes:
    """Decrypt a key made by :func:`encrypt_private_key`.

    Raises:
        SealKeyError: the KEK differs from the one the key was encrypted with, or the
            data is damaged.
    """
    kek = kek if kek is not None else key_encryption_key()
    if stored_kek_id and stored_kek_id != kek_id(kek):
        raise SealKeyError(
            f"The seal key was encrypted with another key-encryption key than the one derived "
            f"from {kek_source()} now; restore the old {SEAL_KEY_ENV}/SECRET_KEY or re-issue "
            f"the seal."
        )
    try:
        # The RSA consistency check costs ~150 ms, as much as the rest of signing; the key was
        # generated or imported (and so checked) by us, then only ever stored encrypted.
        return serialization.load_der_private_key(
            bytes(encrypted), password=_password(kek), unsafe_skip_rsa_key_validation=True
        )
    except (ValueError, TypeError) as exc:
        raise SealKeyError("The seal's private key could not be decrypted.") from exc


def private_key_der(key: PrivateKeyTypes) -> bytes:
    """Return the unencrypted PKCS#8 DER of ``key`` (in memory only, for the signer)."""
    return key.private_bytes(
        encoding=serialization.Encoding.DER,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.NoEncryption(),
    )


def _password(kek: bytes) -> bytes:
    return base64.urlsafe_b64encode(kek)

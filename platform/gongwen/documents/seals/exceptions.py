"""Errors raised by the seal package; every one carries a message fit for a person."""

from __future__ import annotations


class SealError(Exception):
    """Base class of every seal and signature error."""


class NotAuthorisedToSign(SealError, PermissionError):
    """Raised when someone other than the document's 签发人 tries to seal it."""


class SealUnavailable(SealError):
    """Raised for a seal that is inactive, expired or not yet valid."""


class SealKeyError(SealError):
    """Raised when a seal's private key cannot be decrypted (wrong or rotated key)."""


class SealPlacementError(SealError, ValueError):
    """Raised when the seal's position cannot be found or is off the page."""


class SigningFailed(SealError):
    """Raised when the provider cannot sign this PDF (encrypted, malformed for signing …)."""


class NotAPdf(SealError, ValueError):
    """Raised for input that is not a readable PDF."""


class UnknownSealProvider(SealError, LookupError):
    """Raised when a seal names a provider nobody registered."""


class DuplicateSealProvider(SealError, ValueError):
    """Raised when a provider name is registered twice without ``replace=True``."""


class UploadRejected(SealError, ValueError):
    """Raised for an upload the verify endpoint refuses (too big, not a PDF, missing).

    Attributes:
        code: A stable machine-readable reason (``too_large``, ``not_pdf``, ``missing``).
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code

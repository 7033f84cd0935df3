"""Errors raised by the seal package; every one carries a message fit for a person.

Every one is a :class:`~gongwen.errors.GongwenError` with a stable ``code`` and its HTTP
``status``; the builtin bases they had stay, so ``except ValueError`` still catches them.
"""

from __future__ import annotations

from typing import Any

from gongwen.errors import Forbidden, GongwenError, InvalidRequest, StateConflict, Unavailable


class SealError(GongwenError):
    """Base class of every seal and signature error."""

    code = "seal.error"


class NotAuthorisedToSign(SealError, Forbidden, PermissionError):
    """Raised when someone other than the document's 签发人 tries to seal it."""

    code = "seal.not_authorised"


class SealUnavailable(SealError, StateConflict):
    """Raised for a seal that is inactive, expired or not yet valid."""

    code = "seal.unavailable"


class SealKeyError(SealError, Unavailable):
    """Raised when a seal's private key cannot be decrypted (wrong or rotated key)."""

    code = "seal.key"


class SealPlacementError(SealError, StateConflict, ValueError):
    """Raised when the seal's position cannot be found or is off the page."""

    code = "seal.placement"


class SigningFailed(SealError, InvalidRequest):
    """Raised when the provider cannot sign this PDF (encrypted, malformed for signing …)."""

    code = "seal.signing_failed"


class NotAPdf(SealError, InvalidRequest, ValueError):
    """Raised for input that is not a readable PDF."""

    code = "seal.not_pdf"


class UnknownSealProvider(SealError, Unavailable, LookupError):
    """Raised when a seal names a provider nobody registered."""

    code = "seal.unknown_provider"


class DuplicateSealProvider(SealError, StateConflict, ValueError):
    """Raised when a provider name is registered twice without ``replace=True``."""

    code = "seal.duplicate_provider"


class UploadRejected(SealError, InvalidRequest, ValueError):
    """Raised for an upload the verify endpoint refuses (too big, not a PDF, missing).

    Attributes:
        reason: A stable machine-readable reason (``too_large``, ``not_pdf``, ``missing``).
        code: The same reason: the verify endpoint answers with it as its ``error`` (kept
            undotted, as its clients know it).
    """

    def __init__(self, code: str, message: Any) -> None:
        super().__init__(message)
        self.reason = code
        self.code = code

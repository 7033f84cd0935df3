"""The seal-provider hook: who turns a PDF into a sealed, signed PDF, and who verifies one.

A provider is any object with ``sign`` and ``verify`` (:class:`SealProvider`). The software
provider (pyHanko, RSA/ECDSA PAdES) is registered as ``"software"``; an SM2/SM3 provider
(GB/T 38540) or a hardware key (PKCS#11, a signing server) registers under its own name, and a
seal selects one with :attr:`Seal.provider`. docs/plugins/seal-providers.md is the guide.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from threading import Lock
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from gongwen.documents.seals.exceptions import DuplicateSealProvider, UnknownSealProvider

if TYPE_CHECKING:
    from cryptography import x509

    from gongwen.documents.seals.models import Seal
    from gongwen.documents.seals.verification import Verification

DEFAULT_PROVIDER = "software"

Box = tuple[float, float, float, float]
"""A rectangle on a page in PDF points from the bottom-left corner: (x1, y1, x2, y2)."""


@runtime_checkable
class SealProvider(Protocol):
    """What a seal provider implements. Both methods are pure: bytes in, bytes/result out."""

    def sign(
        self,
        pdf: bytes,
        *,
        seal: Seal,
        signer_name: str,
        reason: str,
        location: str,
        page: int,
        box: Box,
        at: datetime,
    ) -> bytes:
        """Return ``pdf`` with the seal image in ``box`` on ``page`` and a signature over it.

        Args:
            pdf: The final PDF; it is not modified (the result is an incremental update).
            seal: The organ's seal (certificate, image, key or a reference to a device).
            signer_name: The 签发人, recorded as the signer's name.
            reason: Recorded reason, ``公文用印`` by default.
            location: Recorded signing location.
            page: Page index, negative counts from the end (``-1`` is the last page).
            box: Where the seal image goes.
            at: The signing time to record.
        """
        ...

    def verify(self, pdf: bytes, *, trust_roots: Sequence[x509.Certificate]) -> Verification:
        """Verify every signature in ``pdf`` against ``trust_roots``; never raise for bad PDFs."""
        ...


_registry: dict[str, SealProvider] = {}
_lock = Lock()
_defaults_loaded = False


def register_seal_provider(name: str, provider: SealProvider, *, replace: bool = False) -> None:
    """Register ``provider`` under ``name``.

    Raises:
        DuplicateSealProvider: ``name`` is taken and ``replace`` is not set.
        TypeError: ``provider`` lacks ``sign`` or ``verify``.
    """
    if not isinstance(provider, SealProvider):
        raise TypeError(f"Seal provider {name!r} must have sign() and verify() methods.")
    _load_defaults()
    with _lock:
        if name in _registry and not replace:
            raise DuplicateSealProvider(f"A seal provider named {name!r} is already registered.")
        _registry[name] = provider


def unregister_seal_provider(name: str) -> None:
    """Remove ``name`` from the registry (for tests and plugin unloading); unknown is a no-op."""
    with _lock:
        _registry.pop(name, None)


def get_seal_provider(name: str) -> SealProvider:
    """Return the provider registered as ``name``.

    Raises:
        UnknownSealProvider: nobody registered ``name``; the message lists who did.
    """
    _load_defaults()
    try:
        return _registry[name]
    except KeyError:
        known = ", ".join(sorted(_registry)) or "none"
        raise UnknownSealProvider(
            f"No seal provider named {name!r} is registered (registered: {known})."
        ) from None


def provider_names() -> frozenset[str]:
    """Return the names of all registered providers."""
    _load_defaults()
    return frozenset(_registry)


def _load_defaults() -> None:
    global _defaults_loaded
    if _defaults_loaded:
        return
    from gongwen.documents.seals.software import SoftwareSealProvider

    with _lock:
        if not _defaults_loaded:
            _registry.setdefault(DEFAULT_PROVIDER, SoftwareSealProvider())
            _defaults_loaded = True

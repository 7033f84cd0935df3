"""``docx_to_pdf``: DOCX bytes → PDF bytes through one long-lived LibreOffice.

Starting LibreOffice costs seconds; a conversion in a running one costs a fraction of that. A
:class:`Converter` keeps one :class:`~gongwen.documents.pdf.server.UnoServer` and

- serialises conversions with a lock (LibreOffice converts one document at a time anyway), so
  two requests at once both succeed, one after the other;
- restarts the server when it has died (crash, killed, or a conversion timeout, after which
  unoserver ends LibreOffice itself) and retries the conversion once;
- bounds each conversion by ``timeout`` seconds.
"""

from __future__ import annotations

import atexit
import threading
import xmlrpc.client
from collections.abc import Callable

from gongwen.documents.pdf.exceptions import ConversionError, ConversionTimeout, PdfUnavailable
from gongwen.documents.pdf.server import UnoServer
from gongwen.documents.pdf.tools import find_tools, missing_reason

DOCX_FILTER = "MS Word 2007 XML"  # never let LibreOffice guess the input type
PDF_FILTER = "writer_pdf_Export"


class Converter:
    """A long-lived LibreOffice converter; safe to share between threads."""

    #: Seconds the client waits beyond ``timeout``, so the server's own timeout fires first.
    client_margin: float = 5

    def __init__(
        self,
        *,
        timeout: int = 60,
        start_timeout: float = 90,
        server_factory: Callable[[int], UnoServer] | None = None,
    ) -> None:
        self.timeout = timeout
        self.start_timeout = start_timeout
        self._lock = threading.Lock()
        self._server: UnoServer | None = None
        self._server_factory = server_factory or _start_unoserver

    def convert(self, docx: bytes) -> bytes:
        """Return ``docx`` converted to PDF.

        Raises:
            PdfUnavailable: LibreOffice is not installed.
            ConversionTimeout: the conversion took longer than ``timeout`` seconds.
            ConversionError: LibreOffice failed twice (with a restart in between).
        """
        with self._lock:
            try:
                return self._convert_once(docx)
            except ConversionTimeout:
                self._stop_server()
                raise
            except ConversionError:
                # Dead or confused LibreOffice: start a fresh one and try once more.
                self._stop_server()
                return self._convert_once(docx)

    def _convert_once(self, docx: bytes) -> bytes:
        server = self._running_server()
        proxy = server.proxy(self.timeout + self.client_margin)
        try:
            result = proxy.convert(
                None, xmlrpc.client.Binary(docx), None, "pdf", PDF_FILTER, [], False,
                DOCX_FILTER, None,
            )  # fmt: skip
        except TimeoutError as exc:
            raise ConversionTimeout(f"conversion took longer than {self.timeout} s") from exc
        except xmlrpc.client.Fault as exc:
            if "TimeoutError" in exc.faultString:
                raise ConversionTimeout(f"conversion took longer than {self.timeout} s") from exc
            raise ConversionError(f"LibreOffice could not convert: {exc.faultString}") from exc
        except (OSError, xmlrpc.client.Error) as exc:
            raise ConversionError(f"LibreOffice is not answering: {exc}") from exc
        if not isinstance(result, xmlrpc.client.Binary) or not result.data.startswith(b"%PDF"):
            raise ConversionError("LibreOffice returned no PDF")
        return result.data

    def _running_server(self) -> UnoServer:
        if self._server is not None and self._server.alive:
            return self._server
        self._stop_server()
        server = self._server_factory(self.timeout)
        try:
            server.wait_ready(self.start_timeout)
        except ConversionError:
            server.stop()
            raise
        self._server = server
        return server

    def start(self) -> None:
        """Start LibreOffice now rather than at the first conversion."""
        with self._lock:
            self._running_server()

    @property
    def server_pid(self) -> int | None:
        """Return the process id of the running server (for tests and diagnostics)."""
        return self._server.pid if self._server is not None and self._server.alive else None

    def stop(self) -> None:
        """Stop LibreOffice; the next conversion starts it again."""
        with self._lock:
            self._stop_server()

    def _stop_server(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None


def _start_unoserver(timeout: int) -> UnoServer:
    """Start the real unoserver, or raise :class:`PdfUnavailable`."""
    tools = find_tools()
    if tools is None:
        raise PdfUnavailable(f"PDF conversion is unavailable: {missing_reason()}")
    return UnoServer(tools, conversion_timeout=timeout)


_default: Converter | None = None
_default_lock = threading.Lock()


def default_converter() -> Converter:
    """Return the process-wide converter (created on first use, stopped at exit)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Converter()
            atexit.register(_default.stop)
        return _default


def docx_to_pdf(docx: bytes) -> bytes:
    """Convert ``docx`` to PDF with the process-wide converter (see :class:`Converter`)."""
    return default_converter().convert(docx)

"""The converter's timeout, retry and error paths, against a stand-in XML-RPC server.

No LibreOffice needed: the stand-in speaks unoserver's API (``info``, ``convert``).
"""

from __future__ import annotations

import socketserver
import threading
import time
import xmlrpc.client
from xmlrpc.server import SimpleXMLRPCServer

import pytest

from gongwen.documents.pdf import ConversionError, ConversionTimeout, Converter


class _ThreadingServer(socketserver.ThreadingMixIn, SimpleXMLRPCServer):
    daemon_threads = True  # a sleeping request must not hold up shutdown()


class StandIn:
    """A unoserver look-alike whose ``convert`` does what the test says."""

    def __init__(self, convert) -> None:
        self._rpc = _ThreadingServer(("127.0.0.1", 0), allow_none=True, logRequests=False)
        self._rpc.register_function(lambda: {"api": "3"}, "info")
        self._rpc.register_function(convert, "convert")
        self.port = self._rpc.server_address[1]
        self.pid = self.port
        self.alive = True
        self.stopped = False
        threading.Thread(target=self._rpc.serve_forever, daemon=True).start()

    def wait_ready(self, timeout: float) -> None:
        self.proxy(timeout).info()

    def proxy(self, timeout: float) -> xmlrpc.client.ServerProxy:
        from gongwen.documents.pdf.server import _TimeoutTransport

        return xmlrpc.client.ServerProxy(
            f"http://127.0.0.1:{self.port}", transport=_TimeoutTransport(timeout), allow_none=True
        )

    def stop(self) -> None:
        self.alive = False
        self.stopped = True
        self._rpc.shutdown()
        self._rpc.server_close()


def _converter(*behaviours, timeout: int = 1) -> tuple[Converter, list[StandIn]]:
    started: list[StandIn] = []
    queue = list(behaviours)

    def factory(_timeout: int) -> StandIn:
        server = StandIn(queue.pop(0) if len(queue) > 1 else queue[0])
        started.append(server)
        return server

    converter = Converter(timeout=timeout, server_factory=factory)
    converter.client_margin = 0
    return converter, started


def _pdf(*args):
    return xmlrpc.client.Binary(b"%PDF-1.7 stand-in")


def test_a_conversion_past_the_timeout_raises_and_ends_the_server() -> None:
    converter, started = _converter(lambda *args: time.sleep(3))
    begun = time.monotonic()
    with pytest.raises(ConversionTimeout):
        converter.convert(b"docx")
    assert time.monotonic() - begun < 2.5
    assert started[0].stopped  # the next conversion starts a fresh LibreOffice


def test_a_failed_conversion_is_retried_once_on_a_fresh_server() -> None:
    def fail(*args):
        raise RuntimeError("LibreOffice crashed")

    converter, started = _converter(fail, _pdf)
    assert converter.convert(b"docx").startswith(b"%PDF")
    assert len(started) == 2 and started[0].stopped
    converter.stop()


def test_two_failures_give_a_clear_error() -> None:
    converter, started = _converter(lambda *args: xmlrpc.client.Binary(b"not a pdf"))
    with pytest.raises(ConversionError, match="no PDF"):
        converter.convert(b"docx")
    assert len(started) == 2
    converter.stop()


def test_a_dead_server_is_replaced_before_converting() -> None:
    converter, started = _converter(_pdf)
    converter.convert(b"docx")
    started[0].alive = False
    converter.convert(b"docx")
    assert len(started) == 2
    converter.stop()

"""One running unoserver: a LibreOffice process plus its XML-RPC front, started and stopped.

The server runs under a Python that has ``uno`` (Debian's /usr/bin/python3); our virtualenv
only talks XML-RPC to it. The ``unoserver`` package installed in the virtualenv is made
importable for that Python through a directory holding just two symlinks, so none of our
other packages leak into it. ``FONTCONFIG_FILE`` points to the shipped fonts.conf for this
process tree only.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import xmlrpc.client
from pathlib import Path

from gongwen.documents.pdf.exceptions import ConversionError
from gongwen.documents.pdf.tools import FONTS_CONF, Tools

API_VERSION = "3"  # unoserver's XML-RPC API this client speaks


class _TimeoutTransport(xmlrpc.client.Transport):
    def __init__(self, timeout: float) -> None:
        super().__init__()
        self._timeout = timeout

    def make_connection(self, host):
        connection = super().make_connection(host)
        connection.timeout = self._timeout
        return connection


class UnoServer:
    """A started unoserver process group; :meth:`stop` ends it."""

    def __init__(self, tools: Tools, *, conversion_timeout: int) -> None:
        self._tools = tools
        self._timeout = conversion_timeout
        self._dir = Path(tempfile.mkdtemp(prefix="gongwen-pdf-"))
        self.port = _free_port()
        with (self._dir / "unoserver.log").open("wb") as log:
            self._process = subprocess.Popen(  # noqa: S603 (fixed argv)
                self._argv(),
                env=self._env(),
                stdout=subprocess.DEVNULL,
                stderr=log,
                start_new_session=True,  # its own process group, so stop() ends soffice too
            )

    def _argv(self) -> list[str]:
        return [
            self._tools.uno_python,
            "-m",
            "unoserver.server",
            "--interface=127.0.0.1",
            f"--port={self.port}",
            "--uno-interface=127.0.0.1",
            f"--uno-port={_free_port()}",
            f"--user-installation={self._dir / 'profile'}",
            f"--conversion-timeout={self._timeout}",
            f"--executable={self._tools.soffice}",
            f"--temp-dir={self._dir}",
            "--quiet",
        ]

    def _env(self) -> dict[str, str]:
        shim = self._dir / "pythonpath"
        shim.mkdir()
        distribution = importlib.metadata.distribution("unoserver")
        package = Path(str(distribution.locate_file("unoserver")))
        (shim / "unoserver").symlink_to(package)
        dist_info = Path(str(distribution._path))  # type: ignore[attr-defined]
        (shim / dist_info.name).symlink_to(dist_info)
        keep = {k: v for k, v in os.environ.items() if k in {"PATH", "LANG", "LC_ALL", "TZ"}}
        return keep | {
            "HOME": str(self._dir),
            "PYTHONPATH": str(shim),
            "FONTCONFIG_FILE": str(FONTS_CONF),
        }

    @property
    def alive(self) -> bool:
        """Return whether the server process is still running."""
        return self._process.poll() is None

    def wait_ready(self, timeout: float) -> None:
        """Block until the server answers ``info()``; raise :class:`ConversionError` if not."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive:
                raise ConversionError(f"LibreOffice did not start: {self.log_tail()}")
            try:
                info = self.proxy(5).info()
            except (OSError, xmlrpc.client.Error):
                time.sleep(0.2)
                continue
            if info.get("api") != API_VERSION:
                raise ConversionError(f"unoserver speaks API {info.get('api')}, not 3")
            return
        raise ConversionError(f"LibreOffice did not start within {timeout:.0f} s")

    def proxy(self, timeout: float) -> xmlrpc.client.ServerProxy:
        """Return an XML-RPC proxy to the server whose calls time out after ``timeout`` s."""
        return xmlrpc.client.ServerProxy(
            f"http://127.0.0.1:{self.port}",
            transport=_TimeoutTransport(timeout),
            allow_none=True,
        )

    def log_tail(self) -> str:
        """Return the end of the server's log, for error messages."""
        try:
            return (self._dir / "unoserver.log").read_text(errors="replace")[-500:].strip()
        except OSError:
            return ""

    @property
    def pid(self) -> int:
        """Return the process id of the server (also its process group id)."""
        return self._process.pid

    def stop(self) -> None:
        """End the server and its LibreOffice (its own process group), remove its files."""
        if self.alive:
            _signal_group(self._process.pid, signal.SIGTERM)
            try:
                # unoserver can take long to wind down its XML-RPC thread; nothing to save.
                self._process.wait(timeout=3)
            except subprocess.TimeoutExpired:
                _signal_group(self._process.pid, signal.SIGKILL)
                self._process.wait(timeout=10)
        # soffice may outlive a killed unoserver: end what is left of the group.
        _signal_group(self._process.pid, signal.SIGKILL)
        shutil.rmtree(self._dir, ignore_errors=True)


def _signal_group(pgid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]

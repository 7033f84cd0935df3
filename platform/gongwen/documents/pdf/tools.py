"""Where the converter's tools are, and whether PDF conversion is possible on this machine.

Overridable with environment variables (the PDF feature has no Django settings):
``GONGWEN_SOFFICE`` (the ``soffice`` executable) and ``GONGWEN_UNO_PYTHON`` (a Python that can
``import uno``; Debian's ``python3-uno`` belongs to ``/usr/bin/python3``).
"""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

FONTS_CONF = Path(__file__).with_name("fonts.conf")


@dataclass(frozen=True)
class Tools:
    """Paths of the programs the converter runs."""

    soffice: str
    uno_python: str


def find_soffice() -> str | None:
    """Return the path of LibreOffice's ``soffice``, or ``None``."""
    configured = os.environ.get("GONGWEN_SOFFICE")
    return shutil.which(configured) if configured else shutil.which("soffice")


@functools.cache
def _python_has_uno(python: str) -> bool:
    try:
        result = subprocess.run(  # noqa: S603 (fixed argv)
            [python, "-c", "import uno"], capture_output=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0


def find_uno_python() -> str | None:
    """Return a Python interpreter that can ``import uno``, or ``None``."""
    candidates = [os.environ.get("GONGWEN_UNO_PYTHON"), "/usr/bin/python3"]
    for python in filter(None, candidates):
        if Path(python).exists() and _python_has_uno(python):
            return python
    return None


def find_tools() -> Tools | None:
    """Return the converter's tools, or ``None`` if any is missing."""
    soffice = find_soffice()
    python = find_uno_python() if soffice else None
    if not (soffice and python and importlib.util.find_spec("unoserver")):
        return None
    return Tools(soffice=soffice, uno_python=python)


def pdf_available() -> bool:
    """Return whether documents can be converted to PDF on this machine."""
    return find_tools() is not None


def missing_reason() -> str:
    """Return what is missing for PDF conversion, for errors and system checks."""
    if not find_soffice():
        return "LibreOffice (soffice) is not installed"
    if not find_uno_python():
        return "no Python with the 'uno' module (Debian: python3-uno)"
    if not importlib.util.find_spec("unoserver"):
        return "the 'unoserver' package is not installed"
    return ""

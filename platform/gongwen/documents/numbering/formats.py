"""Format and parse 发文字号 text: ``<代字>〔<year>〕<n>号`` (six-sided brackets, no 第, no 0 lead).

Pure functions, no database: the format check and the services share them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN, CLOSE = "〔", "〕"
#: Brackets drafters type instead of 〔〕 (GB/T 9704-2012 7.2.4 asks for the six-sided ones).
WRONG_BRACKETS = "[]【】()（）〈〉<>{}［］〖〗"

_CANONICAL = re.compile(r"^(?P<code>[^\s〔〕\d]{1,30})〔(?P<year>\d{4})〕(?P<seq>[1-9]\d{0,5})号$")
# A lenient shape: any bracket pair, optional 第, any digits; used to say *what* is wrong.
_LENIENT = re.compile(
    r"^(?P<code>[^\s\d\[\]【】()（）〈〉<>{}［］〖〗〔〕]{1,30})\s*"
    r"(?P<open>[\[【(（〈<{［〖〔])\s*(?P<year>\d+)\s*(?P<close>[\]】)）〉>}］〗〕])\s*"
    r"(?P<ordinal>第?)\s*(?P<seq>\d+)\s*号$"
)


class NumberFormatError(ValueError):
    """Raised for text that is not a well-formed 发文字号; ``issues`` says what is wrong."""

    def __init__(self, text: str, issues: tuple[str, ...]) -> None:
        self.text = text
        self.issues = issues
        super().__init__(f"not a 发文字号: {text[:60]!r} ({', '.join(issues)})")


@dataclass(frozen=True)
class DocNumber:
    """A parsed 发文字号."""

    organ_code: str
    year: int
    sequence: int

    def __str__(self) -> str:
        return format_number(self.organ_code, self.year, self.sequence)


def format_number(organ_code: str, year: int, sequence: int) -> str:
    """Return the 发文字号 text: ``("县政办发", 2026, 12)`` → ``县政办发〔2026〕12号``.

    Raises:
        ValueError: for an empty code, a year outside 1000–9999 or a sequence below 1.
    """
    if not organ_code or organ_code != organ_code.strip():
        raise ValueError("organ code must be non-empty with no surrounding spaces")
    if not 1000 <= year <= 9999:
        raise ValueError("year must have four digits")
    if sequence < 1:
        raise ValueError("sequence starts at 1")
    return f"{organ_code}{OPEN}{year}{CLOSE}{sequence}号"


def parse_number(text: str) -> DocNumber:
    """Parse canonical 发文字号 text.

    Raises:
        NumberFormatError: with every issue found (see :func:`number_issues`).
    """
    match = _CANONICAL.match(text)
    if match is None:
        raise NumberFormatError(text, number_issues(text) or ("malformed",))
    return DocNumber(match["code"], int(match["year"]), int(match["seq"]))


def number_issues(text: str) -> tuple[str, ...]:
    """Return what is wrong with ``text`` as a 发文字号; empty when it is well formed.

    Issues: ``brackets`` (not 〔〕), ``ordinal`` (a 第), ``leading_zero``, ``year`` (not four
    digits), ``spaces``, ``malformed`` (not recognisable at all).
    """
    if _CANONICAL.match(text):
        return ()
    match = _LENIENT.match(text.strip()) if len(text) <= 60 else None
    if match is None:
        return ("malformed",)
    issues = []
    if match["open"] != OPEN or match["close"] != CLOSE:
        issues.append("brackets")
    if match["ordinal"]:
        issues.append("ordinal")
    if len(match["seq"]) > 1 and match["seq"].startswith("0"):
        issues.append("leading_zero")
    if len(match["year"]) != 4:
        issues.append("year")
    if any(ch.isspace() for ch in text):
        issues.append("spaces")
    if not issues or match["seq"].strip("0") == "":
        issues.append("malformed")
    return tuple(issues)

"""Regular expressions from rule data, run safely: bounded pattern, bounded text, a timeout.

Department rules may carry a pattern. Patterns are compiled with the ``regex`` package, whose
matching takes a ``timeout``, so a catastrophic pattern costs at most :data:`TIMEOUT` seconds
instead of a hung worker. Patterns longer than :data:`MAX_PATTERN` characters are refused, and
at most :data:`MAX_TEXT` characters of an element are searched.
"""

from __future__ import annotations

from functools import lru_cache

import regex

MAX_PATTERN = 200
MAX_TEXT = 20_000
TIMEOUT = 0.2  # seconds per search


class PatternError(ValueError):
    """Raised for a pattern that breaks the policy or does not compile."""


def validate_pattern(pattern: object) -> None:
    """Check ``pattern`` against the policy.

    Raises:
        PatternError: with the reason.
    """
    compile_pattern(pattern)


def compile_pattern(pattern: object) -> regex.Pattern:
    """Return the compiled pattern.

    Raises:
        PatternError: if it is not a string, too long, or does not compile.
    """
    if not isinstance(pattern, str) or not pattern:
        raise PatternError("pattern must be a non-empty string")
    if len(pattern) > MAX_PATTERN:
        raise PatternError(f"pattern longer than {MAX_PATTERN} characters")
    return _compiled(pattern)


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> regex.Pattern:
    try:
        return regex.compile(pattern, regex.VERSION0)
    except (regex.error, OverflowError, RecursionError) as exc:
        raise PatternError(f"pattern does not compile: {exc}") from exc


def search(pattern: regex.Pattern, text: str) -> bool | None:
    """Return whether ``pattern`` occurs in the first :data:`MAX_TEXT` characters of ``text``.

    Returns ``None`` when the search ran out of time.
    """
    try:
        return pattern.search(text[:MAX_TEXT], timeout=TIMEOUT) is not None
    except TimeoutError:
        return None

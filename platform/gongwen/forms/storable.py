"""Is the submission storable at all: JSON values, bounded depth and size, storable text.

Checked first, on any data (with or without a form), so the schema validator and the database
only ever see plain JSON of bounded size. PostgreSQL's ``jsonb`` refuses NUL characters
(``\\u0000``) and lone surrogates in strings *and* in keys, so both are refused here, with the
pointer of the value, instead of reaching the database as a ``DataError``; so are the other
control characters every text input refuses (:mod:`gongwen.kernel.text`).

The walk is iterative and stops descending at the depth limit: a 100,000-deep structure costs
``MAX_DEPTH`` steps per branch and never recursion.
"""

from __future__ import annotations

import json
import math
from typing import Any

from gongwen.forms.problems import Problem, pointer, problem
from gongwen.kernel.text import UNSTORABLE

#: Deepest nesting of objects/arrays in form data (a 明细表 row is 3 levels: data → table → row).
MAX_DEPTH = 16
#: Largest form data accepted, in bytes of compact UTF-8 JSON (a 1 MB text is refused).
MAX_BYTES = 512 * 1024
#: Largest whole number JavaScript represents exactly (``Number.MAX_SAFE_INTEGER``).
MAX_SAFE_INTEGER = 2**53 - 1
#: At most this many problems are reported (hostile input could have millions).
MAX_PROBLEMS = 50

_SCALARS = (str, int, float, bool, type(None))


def is_storable_text(text: str) -> bool:
    """Return whether ``text`` may be stored: the kernel's rule for every text input.

    No NUL or other control character (tab, newline and carriage return are fine), no lone
    surrogate: :data:`gongwen.kernel.text.UNSTORABLE`.
    """
    return UNSTORABLE.search(text) is None


def storable_problems(data: Any) -> list[Problem]:
    """Return why ``data`` cannot be stored as form data (empty when it can)."""
    if not isinstance(data, dict):
        return [problem("", "form.not_an_object")]
    found: list[Problem] = []
    level: list[tuple[tuple, Any]] = [((), data)]
    depth = 1
    while level and len(found) < MAX_PROBLEMS:
        if depth > MAX_DEPTH:
            return [problem("", "form.too_deep", limit=MAX_DEPTH)]
        below: list[tuple[tuple, Any]] = []
        for at, container in level:
            for where, child in _children(at, container, found):
                if isinstance(child, dict | list):
                    below.append((where, child))
                else:
                    found += _scalar_problems(where, child)
        level, depth = below, depth + 1
    return found[:MAX_PROBLEMS] or _size_problems(data)


def _children(at: tuple, container: Any, found: list[Problem]) -> list[tuple[tuple, Any]]:
    """Return ``(path, child)`` of a dict or list; bad keys go to ``found`` instead."""
    if isinstance(container, list):
        return [((*at, index), child) for index, child in enumerate(container)]
    children = []
    for key, child in container.items():
        if not isinstance(key, str):
            found.append(problem(pointer(*at), "form.not_json"))
        elif not is_storable_text(key):
            found.append(problem(pointer(*at), "form.unstorable_text"))
        else:
            children.append(((*at, key), child))
    return children


def _scalar_problems(where: tuple, value: Any) -> list[Problem]:
    if not isinstance(value, _SCALARS) or not _representable(value):
        return [problem(pointer(*where), "form.not_json")]
    if isinstance(value, str) and not is_storable_text(value):
        return [problem(pointer(*where), "form.unstorable_text")]
    return []


def _representable(value: Any) -> bool:
    """Return whether a number survives a trip through the browser (a JavaScript double)."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return abs(value) <= MAX_SAFE_INTEGER
    return True


def _size_problems(data: dict) -> list[Problem]:
    # Only reached for plain, shallow JSON: dumping cannot fail or recurse deeply.
    size = len(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    if size > MAX_BYTES:
        return [problem("", "form.too_large", limit=MAX_BYTES)]
    return []

"""Size and depth limits, checked before anything else looks at a definition.

The depth walk is iterative and stops descending at the limit, so a 100,000-deep (or even
self-referencing) Python structure costs ``limit`` steps per branch and never recursion. Only a
document within the depth limit is serialised, and its size is the UTF-8 length of its
canonical JSON (sorted keys, no whitespace): the same bytes the content hash is computed over.
"""

from __future__ import annotations

import json
import re
from typing import Any

from gongwen.conf import gongwen_settings
from gongwen.definitions.problems import Problem, pointer, problem
from gongwen.kernel.text import UNSTORABLE

#: Deepest nesting of arrays/objects accepted (the formats need about 12; JSON Logic adds some).
MAX_DEPTH = 64


def depth_exceeds(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Return whether ``value`` nests arrays/objects more than ``limit`` levels deep."""
    level = [value] if isinstance(value, _CONTAINERS) else []
    depth = 1
    while level:
        if depth > limit:
            return True
        below: list[Any] = []
        keep = below.append  # a plain loop: this walk runs on every validation
        for item in level:
            for child in item.values() if isinstance(item, dict) else item:
                if isinstance(child, _CONTAINERS):
                    keep(child)
        level, depth = below, depth + 1
    return False


_CONTAINERS = (dict, list, tuple)


def canonical_bytes(value: Any) -> bytes:
    """Return the canonical JSON of ``value`` as UTF-8 bytes.

    Raises:
        TypeError: ``value`` holds something JSON cannot represent.
        ValueError: ``value`` holds NaN, an infinity or a reference cycle.
    """
    text = json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    return text.encode("utf-8", "surrogatepass")


def limited_bytes(doc: Any) -> tuple[list[Problem], bytes | None]:
    """Check ``doc`` against the limits; return ``(problems, canonical bytes or None)``."""
    if depth_exceeds(doc):
        return [problem("", "definition.too_deep", limit=MAX_DEPTH)], None
    try:
        data = canonical_bytes(doc)
    except (TypeError, ValueError, RecursionError) as exc:
        return [problem("", "definition.not_json", detail=type(exc).__name__)], None
    limit = gongwen_settings.DEFINITION_MAX_BYTES
    if len(data) > limit:
        return [problem("", "definition.too_large", size=len(data), limit=limit)], None
    return [], data


def unstorable_problems(plain: Any, text: str) -> list[Problem]:
    """Return a ``definition.unstorable_text`` problem per string or key that cannot be stored.

    The same notion as every action's text (``gongwen.kernel.text.UNSTORABLE``: NUL and other
    control characters but tab, newline and carriage return, DEL, C1 controls, lone
    surrogates), so what ``validate`` accepts ``publish`` can store. ``text`` is the decoded
    canonical JSON of ``plain``: when it holds neither such a character nor a JSON escape that
    could stand for one, nothing is walked.
    """
    if not UNSTORABLE.search(text) and not _ESCAPED_CONTROL.search(text):
        return []
    found = []
    stack: list[tuple[tuple[Any, ...], Any]] = [((), plain)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if UNSTORABLE.search(value):
                found.append(problem(pointer(*path), "definition.unstorable_text"))
        elif isinstance(value, dict):
            for key, child in reversed(value.items()):  # reversed: found in document order
                if UNSTORABLE.search(key):
                    found.append(problem(pointer(*path, key), "definition.unstorable_text"))
                else:
                    stack.append(((*path, key), child))
        elif isinstance(value, list):
            stack.extend(((*path, i), value[i]) for i in reversed(range(len(value))))
    return found


#: JSON escapes of C0 controls (``\u0000``–``\u001f``, ``\b``, ``\f``) as json.dumps writes
#: them; also matches an escaped backslash before "b", "f" or "u00…": then the walk decides.
_ESCAPED_CONTROL = re.compile(r"\\(?:u00[01]|[bf])")


def plain_copy(data: bytes) -> Any:
    """Return the plain JSON value whose canonical bytes are ``data``."""
    return json.loads(data.decode("utf-8", "surrogatepass"))


def within_limits(doc: Any) -> tuple[list[Problem], Any]:
    """Check ``doc`` against the limits and return ``(problems, plain_copy)``.

    ``plain_copy`` is ``doc`` re-read from its canonical JSON: only dicts with string keys,
    lists, strings, numbers, booleans and ``None``, and not shared with the caller. It is
    ``None`` when there are problems.
    """
    problems, data = limited_bytes(doc)
    return (problems, None) if data is None else ([], plain_copy(data))

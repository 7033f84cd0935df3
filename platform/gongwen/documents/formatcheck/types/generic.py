"""Generic rule types that departments may use: required element, keywords, regex, hygiene."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

from gongwen.documents.elements import DocumentElements
from gongwen.documents.formatcheck import patterns
from gongwen.documents.formatcheck.fields import ELEMENT_NAMES, is_present, texts
from gongwen.documents.formatcheck.problems import Finding
from gongwen.documents.formatcheck.registry import CheckContext, rule_type

ELEMENT = {"type": "string", "enum": list(ELEMENT_NAMES)}
ELEMENTS = {"type": "array", "items": ELEMENT, "minItems": 1, "uniqueItems": True}
KEYWORDS = {
    "type": "array",
    "items": {"type": "string", "minLength": 1, "maxLength": 50},
    "minItems": 1,
    "maxItems": 100,
}


@rule_type(
    "required_element",
    {"properties": {"element": ELEMENT}, "required": ["element"]},
    department=True,
)
def required_element(
    elements: DocumentElements, params: dict[str, Any], context: CheckContext
) -> Iterator[Finding]:
    """Report the element when it is absent or blank."""
    if not is_present(elements, params["element"]):
        yield Finding(params["element"])


@rule_type(
    "keywords_forbidden",
    {
        "properties": {"elements": ELEMENTS, "keywords": KEYWORDS},
        "required": ["elements", "keywords"],
    },
    department=True,
)
def keywords_forbidden(
    elements: DocumentElements, params: dict[str, Any], context: CheckContext
) -> Iterator[Finding]:
    """Report every text that contains one of the keywords (once per text, first keyword)."""
    for name in params["elements"]:
        for path, text in texts(elements, name):
            hit = next((k for k in params["keywords"] if k in text), None)
            if hit is not None:
                yield Finding(path, values={"keyword": hit})


@rule_type(
    "keywords_required",
    {
        "properties": {
            "elements": ELEMENTS,
            "keywords": KEYWORDS,
            "mode": {"enum": ["any", "all"]},
        },
        "required": ["elements", "keywords"],
    },
    department=True,
)
def keywords_required(
    elements: DocumentElements, params: dict[str, Any], context: CheckContext
) -> Iterator[Finding]:
    """Report when the elements together lack any (mode ``any``) or one (``all``) keyword."""
    joined = "\n".join(text for name in params["elements"] for _, text in texts(elements, name))
    missing = [k for k in params["keywords"] if k not in joined]
    if params.get("mode", "any") == "all":
        if missing:
            yield Finding(params["elements"][0], values={"keyword": "、".join(missing)})
    elif len(missing) == len(params["keywords"]):
        yield Finding(params["elements"][0], values={"keyword": "、".join(missing)})


@rule_type(
    "element_regex",
    {
        "properties": {
            "element": ELEMENT,
            "pattern": {"type": "string", "minLength": 1, "maxLength": patterns.MAX_PATTERN},
            "mode": {"enum": ["must_match", "must_not_match"]},
        },
        "required": ["element", "pattern"],
    },
    department=True,
)
def element_regex(
    elements: DocumentElements, params: dict[str, Any], context: CheckContext
) -> Iterator[Finding]:
    """Report texts that do not match (``must_match``) or do match (``must_not_match``).

    A search that runs out of time is reported with issue ``timeout``.
    """
    pattern = patterns.compile_pattern(params["pattern"])
    want = params.get("mode", "must_match") == "must_match"
    for path, text in texts(elements, params["element"]):
        found = patterns.search(pattern, text)
        if found is None:
            yield Finding(path, issue="timeout")
        elif found != want:
            yield Finding(path)


# Bidirectional controls (the "Trojan Source" set, CVE-2021-42574) and invisible characters.
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")


@rule_type(
    "text_hygiene",
    {"properties": {"elements": ELEMENTS}, "required": ["elements"]},
    department=False,
)
def text_hygiene(
    elements: DocumentElements, params: dict[str, Any], context: CheckContext
) -> Iterator[Finding]:
    """Report control characters, bidirectional controls and invisible characters."""
    for name in params["elements"]:
        for path, text in texts(elements, name):
            issue = _hygiene_issue(text)
            if issue:
                yield Finding(path, issue=issue[0], values={"char": f"U+{ord(issue[1]):04X}"})


def _hygiene_issue(text: str) -> tuple[str, str] | None:
    for ch in text:
        if ch in BIDI:
            return "bidi", ch
        if ch in INVISIBLE:
            return "invisible", ch
        if unicodedata.category(ch) in {"Cc", "Cs"}:
            return "control", ch
    return None


@rule_type("invalid_rule", {"properties": {"rule": {"type": "string"}}, "required": ["rule"]})
def invalid_rule(
    elements: DocumentElements, params: dict[str, Any], context: CheckContext
) -> Iterator[Finding]:
    """Stand in for a stored rule that no longer validates: always report it."""
    yield Finding("", values={"rule": params["rule"]})

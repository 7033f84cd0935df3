"""Title rules: ends with the kind's name, allowed punctuation only, bounded length.

Sources: 《党政机关公文处理工作条例》第九条(七) — a title is 发文机关名称 + 事由 + 文种, so it ends
with the kind's name. Punctuation: GB/T 9704-2012 7.3.1 fixes the title's layout but says
nothing about punctuation; the rule implemented is the long-standing one of 《国家行政机关公文处理
办法》(2000) — 标题中除法规、规章名称加书名号外，一般不用标点符号 — relaxed, as current practice and
GB/T 15834-2011 allow, for 引号, 顿号 and 括号 where needed. The allowed set is a parameter.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

from gongwen.documents.elements import DocumentElements
from gongwen.documents.formatcheck.problems import Finding
from gongwen.documents.formatcheck.registry import CheckContext, rule_type

PAIRS = {"《": "》", "〈": "〉", "“": "”", "‘": "’", "（": "）", "(": ")", "〔": "〕"}


@rule_type(
    "title_kind_suffix",
    {
        "properties": {
            "alternates": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            }
        }
    },
)
def title_kind_suffix(
    elements: DocumentElements, params: dict[str, Any], context: CheckContext
) -> Iterator[Finding]:
    """Report a title that does not end with the kind's name (or an allowed alternate)."""
    title = str(elements.title or "").strip()
    if not title:
        return
    kind = str(elements.kind)
    endings = (kind, *params.get("alternates", {}).get(kind, ()))
    if not title.endswith(tuple(endings)):
        yield Finding("title", values={"kind": kind})


@rule_type(
    "title_punctuation",
    {
        "properties": {
            "allowed": {"type": "string"},
            "trailing": {"type": "string"},
        },
        "required": ["allowed", "trailing"],
    },
)
def title_punctuation(
    elements: DocumentElements, params: dict[str, Any], context: CheckContext
) -> Iterator[Finding]:
    """Report a trailing stop, punctuation outside the allowed set, and unbalanced pairs."""
    title = str(elements.title or "").strip()
    if not title:
        return
    if title[-1] in params["trailing"]:
        yield Finding("title", issue="trailing", values={"char": title[-1]})
        title = title[:-1]
    bad = next((ch for ch in title if _is_punct(ch) and ch not in params["allowed"]), None)
    if bad is not None:
        yield Finding("title", issue="forbidden", values={"char": bad})
    if not _balanced(title):
        yield Finding("title", issue="unbalanced")


@rule_type(
    "title_length",
    {"properties": {"max_length": {"type": "integer", "minimum": 1}}, "required": ["max_length"]},
)
def title_length(
    elements: DocumentElements, params: dict[str, Any], context: CheckContext
) -> Iterator[Finding]:
    """Report a title longer than ``max_length`` characters."""
    length = len(str(elements.title or ""))
    if length > params["max_length"]:
        yield Finding("title", values={"length": length, "max": params["max_length"]})


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P") or ch in "~`^|<>+=$"


def _balanced(text: str) -> bool:
    closers = {close: open_ for open_, close in PAIRS.items()}
    stack: list[str] = []
    for ch in text:
        if ch in PAIRS:
            stack.append(ch)
        elif ch in closers and (not stack or stack.pop() != closers[ch]):
            return False
    return not stack

"""Rules for 上行文, chiefly 请示: one 主送机关 and one matter.

《党政机关公文处理工作条例》第十五条: (一) 原则上主送一个上级机关; (四) 请示应当一文一事。不得在
报告等非请示性公文中夹带请示事项 — the 报告 half is a ``keywords_forbidden`` rule in the defaults.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from gongwen.documents.elements import DocumentElements
from gongwen.documents.formatcheck.fields import body_texts
from gongwen.documents.formatcheck.problems import Finding
from gongwen.documents.formatcheck.registry import CheckContext, rule_type

WORDS = {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1}


@rule_type("single_recipient", {})
def single_recipient(
    elements: DocumentElements, params: dict[str, Any], context: CheckContext
) -> Iterator[Finding]:
    """Report anything but exactly one 主送机关 (issues ``none`` and ``several``)."""
    recipients = [r for r in elements.main_recipients if str(r).strip()]
    if not recipients:
        yield Finding("main_recipients", issue="none")
    elif len(recipients) > 1:
        yield Finding("main_recipients", issue="several", values={"count": len(recipients)})


@rule_type(
    "single_matter",
    {
        "properties": {
            "markers": WORDS,
            "ask_keywords": WORDS,
            "enumerations": {"type": "array", "items": WORDS},
        },
        "required": ["markers", "ask_keywords", "enumerations"],
    },
)
def single_matter(
    elements: DocumentElements, params: dict[str, Any], context: CheckContext
) -> Iterator[Finding]:
    """Flag signs of several asks in one 请示 (a heuristic: report as a warning).

    Issues: ``markers`` (a marker such as 请示事项 occurs more than once), ``asks`` (more than
    one paragraph asks for a decision), ``enumerated`` (one asking paragraph enumerates
    一是…二是…).
    """
    paragraphs = list(body_texts(elements.body))
    whole = "\n".join(text for _, text in paragraphs)
    for marker in params["markers"]:
        if whole.count(marker) > 1:
            yield Finding("body", issue="markers", values={"keyword": marker})
            break
    asking = [(p, t) for p, t in paragraphs if any(k in t for k in params["ask_keywords"])]
    if len(asking) > 1:
        yield Finding(asking[1][0], issue="asks", values={"count": len(asking)})
    for path, text in asking:
        if any(all(word in text for word in seq) for seq in params["enumerations"]):
            yield Finding(path, issue="enumerated")
            break

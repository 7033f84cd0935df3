"""Rules on 附件 and 附件说明 (GB/T 9704-2012 7.3.4).

附件说明 sits one line below the 正文: ``附件：`` + the name, or ``附件：1.名称`` with the next
names on following lines ``2.名称``; 附件名称后不加标点符号. The renderer derives it from the
attachments; when the drafter typed it into the body, it must agree with them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from gongwen.documents.content import Paragraph
from gongwen.documents.elements import DocumentElements
from gongwen.documents.formatcheck.fields import body_texts
from gongwen.documents.formatcheck.problems import Finding
from gongwen.documents.formatcheck.registry import CheckContext, rule_type

NOTE_START = re.compile(r"^\s*附\s*件\s*[：:]\s*(.*)$")
NUMBERED = re.compile(r"^\s*([0-9]{1,3})\s*[.．、]\s*(.*)$")


def attachment_note(body: Any) -> tuple[str, list[str]] | None:
    """Return (field path, listed names) of the 附件说明 typed in ``body``, or ``None``."""
    blocks = tuple(body) if isinstance(body, tuple | list) else ()
    for i, block in enumerate(blocks):
        match = NOTE_START.match(block.text) if isinstance(block, Paragraph) else None
        if match is None:
            continue
        names = [_strip_number(match[1])]
        for follower in blocks[i + 1 :]:
            item = NUMBERED.match(follower.text) if isinstance(follower, Paragraph) else None
            if item is None:
                break
            names.append(item[2].strip())
        return f"body[{i}]", [n for n in names if n]
    return None


@rule_type("attachment_names", {})
def attachment_names(
    elements: DocumentElements, params: dict[str, Any], context: CheckContext
) -> Iterator[Finding]:
    """Report empty, duplicated or punctuation-ending attachment names.

    Issues: ``empty``, ``punctuation``, ``duplicate``.
    """
    seen: set[str] = set()
    for i, attachment in enumerate(elements.attachments):
        name = str(getattr(attachment, "name", "")).strip()
        path = f"attachments[{i}]"
        if not name:
            yield Finding(path, issue="empty")
            continue
        if unicodedata.category(name[-1]).startswith("P") and name[-1] not in "》）)”’〕":
            yield Finding(path, issue="punctuation", values={"name": name})
        if name in seen:
            yield Finding(path, issue="duplicate", values={"name": name})
        seen.add(name)


@rule_type("attachment_note_matches", {})
def attachment_note_matches(
    elements: DocumentElements, params: dict[str, Any], context: CheckContext
) -> Iterator[Finding]:
    """Report a typed 附件说明 whose count or names differ from the attachments.

    Issues: ``count`` and ``names``.
    """
    note = attachment_note(elements.body)
    if note is None:
        return
    path, listed = note
    actual = [str(getattr(a, "name", "")).strip() for a in elements.attachments]
    if len(listed) != len(actual):
        yield Finding(path, issue="count", values={"listed": len(listed), "count": len(actual)})
    elif [_norm(n) for n in listed] != [_norm(n) for n in actual]:
        yield Finding(path, issue="names")


@rule_type(
    "attachment_referenced",
    {
        "properties": {"phrases": {"type": "array", "items": {"type": "string"}, "minItems": 1}},
        "required": ["phrases"],
    },
)
def attachment_referenced(
    elements: DocumentElements, params: dict[str, Any], context: CheckContext
) -> Iterator[Finding]:
    """Report a body that refers to an attachment (e.g. 见附件) when there is none."""
    if elements.attachments:
        return
    for path, text in body_texts(elements.body):
        hit = next((p for p in params["phrases"] if p in text), None)
        if hit is not None:
            yield Finding(path, values={"keyword": hit})
            return


def _strip_number(text: str) -> str:
    match = NUMBERED.match(text)
    return (match[2] if match else text).strip()


def _norm(name: str) -> str:
    # Drafters may add the file extension or spacing; compare the names as read.
    name = re.sub(r"\s+", "", name)
    return re.sub(r"\.(docx?|pdf|xlsx?|ofd|wps|et)$", "", name, flags=re.IGNORECASE)

"""Rules on dates: 成文日期 in Arabic numerals, not too far ahead, 印发日期 not before it.

GB/T 9704-2012 7.3.5.1: 成文日期 用阿拉伯数字将年、月、日标全，年份应标全称，月、日不编虚位
(1 不编为 01). A ``date`` value is always in that form when rendered; text dates (from forms or
imports) are checked as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from gongwen.documents.elements import DocumentElements
from gongwen.documents.formatcheck.problems import Finding
from gongwen.documents.formatcheck.registry import CheckContext, rule_type

WRITTEN = re.compile(r"([0-9]{4})年([1-9][0-9]?)月([1-9][0-9]?)日")


def format_document_date(value: date) -> str:
    """Return ``value`` as GB/T 9704 writes 成文日期: ``2026年11月25日`` (no zero padding)."""
    return f"{value.year}年{value.month}月{value.day}日"


def parse_document_date(text: str) -> date | None:
    """Return the date ``text`` writes in the 7.3.5.1 form, or ``None`` if it is not in it."""
    match = WRITTEN.fullmatch(text.strip()) if len(text) <= 20 else None
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


@rule_type(
    "document_date",
    {
        "properties": {"max_future_days": {"type": "integer", "minimum": 0}},
        "required": ["max_future_days"],
    },
)
def document_date(
    elements: DocumentElements, params: dict[str, Any], context: CheckContext
) -> Iterator[Finding]:
    """Report a 成文日期 that is not in the written form or is too far in the future.

    Issues: ``form`` and ``future``. An absent date is the ``required_element`` rule's job.
    """
    value = _as_date(elements.date)
    if value is None:
        if elements.date is not None and str(elements.date).strip():
            yield Finding("date", issue="form", values={"expected": "2026年11月25日"})
        return
    latest = context.today + timedelta(days=params["max_future_days"])
    if value > latest:
        yield Finding("date", issue="future", values={"date": format_document_date(value)})


@rule_type("printing_date_order", {})
def printing_date_order(
    elements: DocumentElements, params: dict[str, Any], context: CheckContext
) -> Iterator[Finding]:
    """Report a 印发日期 that is before the 成文日期 or not a date."""
    printed, written = elements.printing_date, _as_date(elements.date)
    if printed is None:
        return
    printed_date = _as_date(printed)
    if printed_date is None:
        yield Finding("printing_date", issue="form")
    elif written is not None and printed_date < written:
        yield Finding("printing_date", issue="before")


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return parse_document_date(value)
    return None

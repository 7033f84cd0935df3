"""Rules on the 版头 marks: 发文字号, 份号, 密级 with 保密期限 (GB/T 9704-2012 7.2)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from gongwen.documents.elements import DocumentElements
from gongwen.documents.formatcheck.problems import Finding
from gongwen.documents.formatcheck.registry import CheckContext, rule_type
from gongwen.documents.numbering.formats import NumberFormatError, number_issues, parse_number


@rule_type("doc_number_format", {})
def doc_number_format(
    elements: DocumentElements, params: dict[str, Any], context: CheckContext
) -> Iterator[Finding]:
    """Report what is wrong with a present 发文字号 (7.2.4: 〔〕, no leading zero, no 第).

    Issues: ``brackets``, ``ordinal``, ``leading_zero``, ``year``, ``spaces``, ``malformed``.
    """
    text = str(elements.doc_number or "")
    if not text.strip():
        return
    for issue in number_issues(text):
        yield Finding("doc_number", issue=issue)


@rule_type("doc_number_year", {})
def doc_number_year(
    elements: DocumentElements, params: dict[str, Any], context: CheckContext
) -> Iterator[Finding]:
    """Report a 发文字号 whose year differs from the 成文日期's year."""
    if not isinstance(elements.date, date):
        return
    try:
        number = parse_number(str(elements.doc_number or ""))
    except NumberFormatError:
        return
    if number.year != elements.date.year:
        yield Finding("doc_number", values={"year": number.year, "date_year": elements.date.year})


@rule_type(
    "copy_number_format",
    {"properties": {"digits": {"type": "integer", "minimum": 1, "maximum": 12}}},
)
def copy_number_format(
    elements: DocumentElements, params: dict[str, Any], context: CheckContext
) -> Iterator[Finding]:
    """Report a present 份号 that is not ``digits`` (default 6) Arabic digits (7.2.1)."""
    text = str(elements.copy_number or "")
    digits = params.get("digits", 6)
    if text and not re.fullmatch(rf"[0-9]{{{digits}}}", text):
        yield Finding("copy_number", values={"digits": digits})


@rule_type(
    "classified_marks",
    {
        "properties": {"levels": {"type": "array", "items": {"type": "string"}, "minItems": 1}},
        "required": ["levels"],
    },
)
def classified_marks(
    elements: DocumentElements, params: dict[str, Any], context: CheckContext
) -> Iterator[Finding]:
    """Report a classified document without 保密期限 (7.2.2) or without 份号 (7.2.1).

    Issues: ``period`` and ``copy_number``.
    """
    if str(elements.secrecy) not in params["levels"]:
        return
    if not str(elements.secrecy_period or "").strip():
        yield Finding("secrecy_period", issue="period", values={"secrecy": str(elements.secrecy)})
    if not str(elements.copy_number or "").strip():
        yield Finding("copy_number", issue="copy_number", values={"secrecy": str(elements.secrecy)})

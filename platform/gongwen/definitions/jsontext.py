"""Definition documents as JSON *text*: strict parsing that says where the text is wrong.

The management commands (definition files) and the admin's JSON editor both read text through
:func:`parse_definition`, so they refuse the same things with the same words: invalid JSON
(with line, column, the reason and the offending line, marked where parsing stopped), ``NaN``
and infinities, duplicate object keys (which ``json`` would silently let the last one win), and
nesting too deep to parse. Every refusal is a :class:`~gongwen.definitions.problems.Problem`.
"""

from __future__ import annotations

import json
from typing import Any

from gongwen.definitions.problems import Problem, short

#: Where a syntax error is marked in the quoted line.
MARK = "▶"
#: Characters of the offending line shown on each side of the mark.
EXCERPT = 40

#: The reasons :mod:`json` gives, in Chinese and English words a person can act on.
REASONS: dict[str, tuple[str, str]] = {
    "Expecting value": (
        "此处应为一个值（是否多了逗号，或字符串缺少双引号？）",
        "a value is expected here (an extra comma, or a string without double quotes?)",
    ),
    "Expecting ',' delimiter": ("缺少逗号", "a comma is missing"),
    "Expecting ':' delimiter": ("缺少冒号", "a colon is missing"),
    "Expecting property name enclosed in double quotes": (
        "此处应为双引号括起的属性名（是否多了逗号？）",
        "a property name in double quotes is expected (an extra comma?)",
    ),
    "Unterminated string starting at": (
        "字符串缺少结束的双引号",
        "the string has no closing double quote",
    ),
    "Invalid control character at": (
        "字符串中有控制字符（换行请写作 \\n）",
        "a control character inside a string (write a line break as \\n)",
    ),
    "Invalid \\escape": ("无效的转义符", "an invalid escape"),
    "Invalid \\uXXXX escape": ("无效的 \\uXXXX 转义符", "an invalid \\uXXXX escape"),
    "Extra data": ("JSON 值结束后还有多余内容", "extra text after the JSON value"),
}


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _problem(code: str, zh: str, en: str) -> Problem:
    return Problem(pointer="", code=code, message_zh=zh, message_en=en)


def parse_definition(text: str) -> tuple[Any, list[Problem]]:
    """Return ``(document, problems)`` for JSON ``text`` (strict: no NaN, no duplicate keys).

    Never raises; the document is ``None`` when there is a problem.
    """
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants), []
    except json.JSONDecodeError as exc:
        return None, [syntax_problem(exc)]
    except _DuplicateKey as exc:
        return None, [
            _problem(
                "definition.duplicate_key",
                f"JSON 对象中键 {exc.args[0]!r} 重复。",
                f"Duplicate key {exc.args[0]!r} in a JSON object.",
            )
        ]
    except (ValueError, RecursionError) as exc:
        return None, [
            _problem("definition.not_json", f"不是有效的 JSON：{exc}", f"Not valid JSON: {exc}")
        ]


def syntax_problem(exc: json.JSONDecodeError) -> Problem:
    """Return the ``definition.not_json`` problem of ``exc``: line, column, reason, the line."""
    zh, en = REASONS.get(exc.msg, (exc.msg, exc.msg))
    where = excerpt(exc.doc, exc.pos)
    return _problem(
        "definition.not_json",
        f"不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列，{zh}。该行：{where}",
        f"Not valid JSON: line {exc.lineno}, column {exc.colno}: {en}. The line: {where}",
    )


def excerpt(text: str, pos: int) -> str:
    """Return the line of ``text`` holding offset ``pos``, marked there and cut to fit."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : end if end >= 0 else len(text)].rstrip("\r")
    column = pos - start
    before = line[max(0, column - EXCERPT) : column].lstrip()
    after = line[column : column + EXCERPT]
    cut_before = "…" if column - EXCERPT > 0 else ""
    cut_after = "…" if column + EXCERPT < len(line) else ""
    # short() keeps the quoted text printable: a stray control character must not garble output.
    return f"{cut_before}{short(before, EXCERPT)}{MARK}{short(after, EXCERPT)}{cut_after}"

"""Every audit action code the source records has a word, and every word names a recorded code.

The codes are collected from the source itself: every string literal shaped like
``gongwen.<noun>.<verb>`` that is not a module path or a signal's ``dispatch_uid``. A new
action recorded without a label in ``gongwen.audit.action_labels`` fails here.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path

import pytest
from django.utils import translation

import gongwen
from gongwen.audit.action_labels import describe, known_actions, label_of, register, unregister

SOURCE = Path(gongwen.__file__).parent
CODE = re.compile(r"^gongwen(\.[a-z][a-z0-9_]*){2,}$")


def _is_module_path(text: str) -> bool:
    parts = text.split(".")
    for end in range(len(parts), 1, -1):
        try:
            if importlib.util.find_spec(".".join(parts[:end])) is not None:
                return True
        except ModuleNotFoundError:
            continue
    return False


def _dispatch_uids(tree: ast.AST) -> set[int]:
    return {
        id(keyword.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        for keyword in node.keywords
        if keyword.arg == "dispatch_uid"
    }


def recorded_codes() -> set[str]:
    """Return the action codes written in Gongwen's source."""
    codes: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        uids = _dispatch_uids(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and CODE.match(node.value)
                and id(node) not in uids
                and not _is_module_path(node.value)
            ):
                codes.add(node.value)
    return codes


def test_the_source_records_the_codes_it_is_known_to() -> None:
    codes = recorded_codes()
    # The collector finds what it should (else the test below would pass on nothing).
    assert {"gongwen.task.approve", "gongwen.deadline.remind", "gongwen.admin.jump"} <= codes
    assert "gongwen.runtime.deadlines" not in codes  # an app's module path
    assert "gongwen.deadlines.task" not in codes  # a dispatch_uid


def test_every_recorded_code_has_a_label() -> None:
    assert sorted(recorded_codes() - known_actions()) == []


def test_every_label_names_a_recorded_code() -> None:
    stale = {code for code in known_actions() if code.startswith("gongwen.")} - recorded_codes()
    assert sorted(stale) == []


def test_a_code_reads_as_its_word_with_the_code_beside_it() -> None:
    with translation.override("zh-hans"):
        assert describe("gongwen.task.approve") == "通过 (gongwen.task.approve)"
        assert label_of("gongwen.task.return") == "退回"
    with translation.override("en"):
        assert describe("gongwen.task.approve") == "Approve (gongwen.task.approve)"
    assert describe("acme.thing.done") == "acme.thing.done"  # unknown: the bare code


def test_a_plugin_names_its_own_codes_once() -> None:
    register("acme.invoice.pay", "Pay")
    try:
        assert describe("acme.invoice.pay") == "Pay (acme.invoice.pay)"
        with pytest.raises(ValueError, match="already"):
            register("acme.invoice.pay", "Pay again")
        with pytest.raises(ValueError, match="dotted"):
            register("Not A Code", "x")
    finally:
        unregister("acme.invoice.pay")

"""The shipped rules load, are unique, name registered types, and carry both languages."""

import json
import re

import pytest

from gongwen.documents.formatcheck.problems import FormatProblem, Severity
from gongwen.documents.formatcheck.registry import rule_type, rule_types
from gongwen.documents.formatcheck.specs import (
    DEFAULT_RULES_PATH,
    RuleDataError,
    default_rules,
    parse_rule,
)


def test_shipped_rules_load_with_unique_codes() -> None:
    specs = default_rules()
    assert len(specs) == len({s.code for s in specs}) >= 25
    data = json.loads(DEFAULT_RULES_PATH.read_text(encoding="utf-8"))
    assert data["schema_version"] == 1


def test_every_message_has_both_languages_and_known_placeholders() -> None:
    for spec in default_rules():
        for zh, en in spec.messages.values():
            assert re.findall(r"\{(\w+)\}", zh) == re.findall(r"\{(\w+)\}", en), spec.code


def test_department_types_are_the_generic_four() -> None:
    assert set(rule_types(department_only=True)) == {
        "required_element",
        "keywords_forbidden",
        "keywords_required",
        "element_regex",
    }


def test_registering_a_type_twice_fails_loudly() -> None:
    with pytest.raises(ValueError, match="already registered"):
        rule_type("required_element", {})(lambda e, p, c: [])


def test_a_malformed_rule_reports_every_error() -> None:
    with pytest.raises(RuleDataError) as excinfo:
        parse_rule({"code": "X", "type": "required_element", "severity": "fatal", "params": {}})
    text = str(excinfo.value)
    assert "'message' is a required property" in text and "fatal" in text and "code" in text


def test_problem_message_follows_the_active_language() -> None:
    from django.utils import translation

    problem = FormatProblem("a.b", Severity.ERROR, "title", "中文", "English")
    with translation.override("en"):
        assert problem.message == "English"
    with translation.override("zh-hans"):
        assert problem.message == "中文"
    assert problem.to_data()["severity"] == "error"

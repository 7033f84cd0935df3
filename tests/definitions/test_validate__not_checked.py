"""A lookup that cannot answer (no database) makes a reference "not checked", not "unknown"."""

from __future__ import annotations

import pytest
from django.db import OperationalError

from gongwen.definitions import validate
from gongwen.definitions.exceptions import LookupUnavailable
from gongwen.definitions.registries import numbering_series_exists, numbering_series_lookup


def _no_table(key: str) -> bool:
    raise OperationalError("no such table: documents_numberseries")


def _codes(problems) -> list[tuple[str, str]]:
    return [(p.code, p.pointer) for p in problems]


def test_a_database_error_in_the_lookup_means_it_cannot_answer():
    with numbering_series_lookup(_no_table), pytest.raises(LookupUnavailable):
        numbering_series_exists("县政办发")


def test_a_caller_that_collects_unchecked_references_gets_them_apart(basic_form, basic_flow):
    unchecked: list = []
    with numbering_series_lookup(_no_table):
        assert validate(basic_flow, form=basic_form, unchecked=unchecked) == []
    assert _codes(unchecked) == [
        ("flow.numbering_series_not_checked", "/document/numbering_series")
    ]
    assert "没有数据库" in unchecked[0].message_zh
    assert "not checked: no database" in unchecked[0].message_en


def test_by_default_what_could_not_be_checked_is_a_problem(basic_form, basic_flow):
    with numbering_series_lookup(_no_table):
        assert _codes(validate(basic_flow, form=basic_form)) == [
            ("flow.numbering_series_not_checked", "/document/numbering_series")
        ]


def test_a_lookup_that_answers_no_is_an_unknown_series_even_when_collecting(basic_flow):
    unchecked: list = []
    with numbering_series_lookup(lambda key: False):
        problems = validate(basic_flow, unchecked=unchecked)
    assert _codes(problems) == [("flow.unknown_numbering_series", "/document/numbering_series")]
    assert unchecked == []

"""Computed fields are computed on the server on every submission; a client's value is ignored."""

from __future__ import annotations

import pytest

from gongwen.forms import Stage, clean_submission
from gongwen.forms.computed import fitted

ITEMS = [{"item": "纸", "cost": 40}, {"item": "笔", "cost": 70.5}]


def test_a_computed_field_is_computed_and_a_client_value_ignored(small_form) -> None:
    cleaned = clean_submission(small_form, {"title": "t", "items": ITEMS, "total": 1})
    assert cleaned["total"] == 110.5
    assert cleaned["big"] is True  # a formula may read an earlier computed field


def test_computed_fields_are_recomputed_on_a_nodes_edits(small_form) -> None:
    previous = clean_submission(small_form, {"title": "t", "items": ITEMS})
    edited = clean_submission(
        small_form,
        {"items": ITEMS[:1], "total": 999},
        fields={"items": "editable"},
        previous=previous,
        stage=Stage.NODE,
    )
    assert (edited["total"], edited["big"]) == (40, False)


def test_computed_fields_are_filled_even_when_nothing_they_read_was_sent(small_form) -> None:
    cleaned = clean_submission(small_form, {"title": "t"})
    assert cleaned["total"] == 0  # reduce over null starts from its initial value
    assert cleaned["big"] is False


def test_a_formula_that_fails_on_the_data_gives_null_not_a_refusal(small_form, monkeypatch) -> None:
    from gongwen import expressions

    def failing(rule, data, **options):
        raise expressions.ExpressionError("too many steps", code="expression.too_many_steps")

    monkeypatch.setattr(expressions, "evaluate", failing)
    cleaned = clean_submission(small_form, {"title": "t", "items": ITEMS, "total": 5})
    assert (cleaned["total"], cleaned["big"]) == (None, None)


@pytest.mark.parametrize(
    ("value", "result_type", "kept"),
    [
        (3, "number", 3),
        (True, "number", None),
        (float("inf"), "number", None),
        ("2026-02-03", "date", "2026-02-03"),
        ("2026-02-30", "date", None),
        ("x\x00", "text", None),
        ("ok", "text", "ok"),
        (1, "boolean", None),
    ],
)
def test_a_result_that_does_not_fit_its_type_is_null(value, result_type, kept) -> None:
    assert fitted(value, result_type) == kept

"""Form data: a date or date-time followed by a newline is not a date (``$`` anchoring)."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from gongwen.definitions.data_schemas import form_data_schema

LABEL = {"zh-Hans": "日期", "en": "Date"}
FIELDS = [
    {"name": "due", "type": "date", "label": LABEL},
    {"name": "at", "type": "datetime", "label": LABEL},
]


def valid(data: dict) -> bool:
    return Draft202012Validator(form_data_schema(FIELDS)).is_valid(data)


@pytest.mark.parametrize(
    ("field", "value"), [("due", "2026-01-01"), ("at", "2026-01-01T09:30:00+08:00")]
)
def test_a_date_is_valid_and_the_same_with_a_final_newline_is_not(field, value):
    assert valid({field: value})
    assert not valid({field: value + "\n"})
    assert not valid({field: value + "\n\n"})

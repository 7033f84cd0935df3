"""Truthiness: [] is false, "0" is true, 0 is false (!, !!, if)."""

import pytest

from tests.expressions.casetable import assert_case, family


@pytest.mark.parametrize("case", family("truthiness"))
def test_truthiness_case_gives_the_expected_value(case) -> None:
    assert_case(case)

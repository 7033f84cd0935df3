"""+ - * / % min max with JavaScript's casts, NaN, Infinity and -0."""

import pytest

from tests.expressions.casetable import assert_case, family


@pytest.mark.parametrize("case", family("arithmetic"))
def test_arithmetic_case_gives_the_expected_value(case) -> None:
    assert_case(case)

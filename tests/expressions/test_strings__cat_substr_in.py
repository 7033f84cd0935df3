"""cat, substr (negative start and length, UTF-16) and in over strings."""

import pytest

from tests.expressions.casetable import assert_case, family


@pytest.mark.parametrize("case", family("strings"))
def test_strings_case_gives_the_expected_value(case) -> None:
    assert_case(case)

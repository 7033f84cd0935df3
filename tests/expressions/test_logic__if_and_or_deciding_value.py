"""if/?: chains, and/or returning the deciding value, literals and unknown operators."""

import pytest

from tests.expressions.casetable import assert_case, family


@pytest.mark.parametrize("case", family("logic"))
def test_logic_case_gives_the_expected_value(case) -> None:
    assert_case(case)

"""== coerces like JavaScript's loose equality; === does not."""

import pytest

from tests.expressions.casetable import assert_case, family


@pytest.mark.parametrize("case", family("equality"))
def test_equality_case_gives_the_expected_value(case) -> None:
    assert_case(case)

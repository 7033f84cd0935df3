"""map, filter, reduce, all, none, some, merge and in over arrays."""

import pytest

from tests.expressions.casetable import assert_case, family


@pytest.mark.parametrize("case", family("arrays"))
def test_arrays_case_gives_the_expected_value(case) -> None:
    assert_case(case)

"""var (dotted paths, indexes, defaults, whole data), missing and missing_some."""

import pytest

from tests.expressions.casetable import assert_case, family


@pytest.mark.parametrize("case", family("data"))
def test_data_case_gives_the_expected_value(case) -> None:
    assert_case(case)

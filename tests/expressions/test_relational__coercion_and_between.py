"""<, <=, >, >= compare like JavaScript; three arguments test a range."""

import pytest

from tests.expressions.casetable import assert_case, family


@pytest.mark.parametrize("case", family("relational"))
def test_relational_case_gives_the_expected_value(case) -> None:
    assert_case(case)

"""发文字号 text: 〔〕, no leading zeros, no 第, a four-digit year — formatted and parsed back."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongwen.documents.numbering.formats import (
    DocNumber,
    NumberFormatError,
    format_number,
    number_issues,
    parse_number,
)


def test_number_text_uses_hexagonal_brackets_and_no_padding() -> None:
    assert format_number("县政办发", 2026, 12) == "县政办发〔2026〕12号"
    assert format_number("县政办发", 2026, 1) == "县政办发〔2026〕1号"


def test_parse_gives_back_code_year_and_sequence() -> None:
    number = parse_number("县委办发〔2026〕105号")
    assert number == DocNumber("县委办发", 2026, 105)
    assert str(number) == "县委办发〔2026〕105号"


@pytest.mark.parametrize(
    ("text", "issues"),
    [
        ("县政办发[2026]12号", ("brackets",)),
        ("县政办发（2026）12号", ("brackets",)),
        ("县政办发【2026】12号", ("brackets",)),
        ("县政办发〔2026〕第12号", ("ordinal",)),
        ("县政办发〔2026〕012号", ("leading_zero",)),
        ("县政办发〔26〕12号", ("year",)),
        ("县政办发 〔2026〕12号", ("spaces",)),
        ("县政办发[2026]第012号", ("brackets", "ordinal", "leading_zero")),
        ("县政办发〔2026〕0号", ("malformed",)),
        ("twelve", ("malformed",)),
        ("", ("malformed",)),
        ("县" * 5000 + "〔2026〕1号", ("malformed",)),
    ],
)
def test_malformed_numbers_say_what_is_wrong(text: str, issues: tuple[str, ...]) -> None:
    assert number_issues(text) == issues
    with pytest.raises(NumberFormatError) as excinfo:
        parse_number(text)
    assert excinfo.value.issues == issues


def test_well_formed_number_has_no_issues() -> None:
    assert number_issues("县政办函〔2026〕3号") == ()


@pytest.mark.parametrize(
    ("code", "year", "seq"), [("", 2026, 1), ("县政发", 26, 1), ("县政发", 2026, 0)]
)
def test_format_refuses_impossible_parts(code: str, year: int, seq: int) -> None:
    with pytest.raises(ValueError):
        format_number(code, year, seq)


@given(
    code=st.text(alphabet="县政办发委财教档函市省厅局", min_size=1, max_size=8),
    year=st.integers(1000, 9999),
    sequence=st.integers(1, 999_999),
)
def test_any_number_formats_and_parses_back(code: str, year: int, sequence: int) -> None:
    text = format_number(code, year, sequence)
    assert number_issues(text) == ()
    assert parse_number(text) == DocNumber(code, year, sequence)

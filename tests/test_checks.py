"""System checks report broken configuration with stable ids."""

import pytest
from django.core.checks import run_checks


def _ids() -> set[str]:
    return {m.id for m in run_checks() if m.id and m.id.startswith("gongwen.")}


def test_default_configuration_is_clean() -> None:
    from gongwen.documents.pdf import pdf_available

    # W010 only says PDF conversion is unavailable (no LibreOffice); CI installs it.
    expected = set() if pdf_available() else {"gongwen.W010"}
    assert _ids() == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("not a dict", "gongwen.E001"),
        ({"NO_SUCH_KEY": 1}, "gongwen.E002"),
        ({"UPLOAD_MAX_BYTES": "big"}, "gongwen.E003"),
        ({"UPLOAD_MAX_BYTES": 0}, "gongwen.E004"),
    ],
)
def test_bad_gongwen_settings_are_reported(settings, value, expected) -> None:
    settings.GONGWEN = value
    assert expected in _ids()


def test_wrong_time_zone_warns(settings) -> None:
    settings.TIME_ZONE = "UTC"
    assert "gongwen.W001" in _ids()


def test_missing_task_backend_is_an_error(settings) -> None:
    settings.TASKS = {}
    assert "gongwen.E007" in _ids()


def test_settings_dict_reads_overrides(settings) -> None:
    from gongwen.conf import gongwen_settings

    assert gongwen_settings.DEMO_PASSWORD == "gongwen-demo"
    settings.GONGWEN = {"DEMO_PASSWORD": "other"}
    assert gongwen_settings.DEMO_PASSWORD == "other"
    with pytest.raises(AttributeError):
        gongwen_settings.NOPE  # noqa: B018 (attribute access is the test)

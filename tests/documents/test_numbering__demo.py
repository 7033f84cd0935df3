"""``load_document_demo`` creates one series per demo organ code and can run twice."""

import pytest
from django.core.management import call_command

from gongwen.documents.numbering.demo import DEMO_SERIES
from gongwen.documents.numbering.models import NumberSeries

pytestmark = pytest.mark.django_db


def test_demo_series_are_keyed_by_organ_code_and_idempotent(capsys) -> None:
    call_command("load_document_demo")
    call_command("load_document_demo")
    codes = {code for code, _ in DEMO_SERIES}
    assert set(NumberSeries.objects.values_list("key", flat=True)) == codes
    assert all(s.key == s.organ_code for s in NumberSeries.objects.all())
    assert {
        "县政办发",
        "县政发",
        "县委办发",
        "县发改发",
        "县财发",
        "县教发",
        "县档发",
        "县政办函",
    } == codes
    assert "8 number series" in capsys.readouterr().out

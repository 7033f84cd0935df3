"""``load_document_demo`` makes the series the demo and the shipped definitions need, twice-safe."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from gongwen.definitions.registries import numbering_series_exists
from gongwen.documents.numbering.demo import DEMO_SERIES
from gongwen.documents.numbering.models import NumberSeries

pytestmark = pytest.mark.django_db
FLOW_DEFS = Path(__file__).resolve().parents[2] / "flow_defs"


def test_demo_series_are_keyed_by_organ_code_and_idempotent(capsys) -> None:
    call_command("load_document_demo")
    call_command("load_document_demo")
    keys = set(NumberSeries.objects.values_list("key", flat=True))
    assert keys == {code for code, _, _ in DEMO_SERIES}
    assert all(s.key == s.organ_code for s in NumberSeries.objects.all())
    demo_county = {
        "县政办发",
        "县政发",
        "县委办发",
        "县发改发",
        "县财发",
        "县教发",
        "县档发",
        "县政办函",
    }
    assert demo_county <= keys
    assert f"{len(DEMO_SERIES)} number series" in capsys.readouterr().out


def test_every_series_a_shipped_definition_names_exists_in_the_demo() -> None:
    call_command("load_document_demo")
    named = {
        json.loads(path.read_text(encoding="utf-8"))["document"]["numbering_series"]
        for path in FLOW_DEFS.glob("*.json")
    } - {None}
    assert named, "the shipped definitions name numbering series"
    assert [key for key in sorted(named) if not numbering_series_exists(key)] == []

"""A flow names each drafting organ's own 代字 and series; the validator checks every series."""

from __future__ import annotations

import json
from pathlib import Path

from gongwen.definitions import compile_flow, validate
from gongwen.definitions.registries import numbering_series_lookup

REPO = Path(__file__).resolve().parents[2]


def _shipped(key: str) -> tuple[dict, dict]:
    read = lambda folder: json.loads((REPO / folder / f"{key}.json").read_text("utf-8"))  # noqa: E731  (two reads)
    return read("flow_defs"), read("forms")


def test_every_organ_series_is_looked_up_and_an_unknown_one_is_a_problem() -> None:
    flow, form = _shipped("letter")
    with numbering_series_lookup(lambda key: key != "县发改函"):
        problems = validate(flow, form=form)
    assert [(p.pointer, p.code) for p in problems] == [
        ("/document/organs/fgj/numbering_series", "flow.unknown_numbering_series")
    ]


def test_the_drafting_organ_picks_its_own_code_and_series_others_the_default() -> None:
    flow, form = _shipped("letter")
    with numbering_series_lookup(lambda key: True):
        spec = compile_flow(flow, form)
    settings = spec.document
    assert settings.for_organ("fgj").organ_code == "县发改函"
    assert settings.for_organ("fgj").numbering_series == "县发改函"
    assert settings.for_organ("nowhere").organ_code == "县政办函"
    assert settings.series_for_code("县财函") == "县财函"
    assert settings.series_for_code("县政办函") == "县政办函"


def test_an_organ_entry_must_name_both_its_code_and_series() -> None:
    flow, form = _shipped("letter")
    flow["document"]["organs"]["fgj"] = {"organ_code": "县发改函"}
    with numbering_series_lookup(lambda key: True):
        problems = validate(flow, form=form)
    assert [(p.pointer, p.code) for p in problems] == [("/document/organs/fgj", "schema.required")]

"""``definitions import`` turns any bad file into problems: exit 1, nothing saved, no traceback."""

from __future__ import annotations

import copy
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from gongwen.definitions.models import DefinitionVersion, DocumentType, Draft

pytestmark = pytest.mark.django_db


def _flow_with(basic_flow: dict, **changes) -> dict:
    return copy.deepcopy(basic_flow) | changes


BAD_FLOWS = {
    "key_path": lambda f: _flow_with(f, key="../../etc/passwd"),
    "key_number": lambda f: _flow_with(f, key=5),
    "key_unicode": lambda f: _flow_with(f, key="通知"),
    "key_rtl_mark": lambda f: _flow_with(f, key="basic\u200f"),
    "key_other": lambda f: _flow_with(f, key="other"),
    "form_dict": lambda f: _flow_with(f, form={"key": "basic"}),
    "nodes_string": lambda f: _flow_with(f, nodes="draft,end"),
    "nul_in_id": lambda f: _flow_with(
        f, nodes=[{"id": "dr\x00aft", "type": "start"}, *f["nodes"][1:]]
    ),
    "cyclic_edges": lambda f: _flow_with(
        f, edges=[*f["edges"], {"from": "end", "to": "draft"}, {"from": "join", "to": "split"}]
    ),
    "ten_megabytes": lambda f: _flow_with(f, description={"zh-Hans": "字" * 4_000_000}),
    "deep": lambda f: _flow_with(f, ui=json.loads("[" * 200 + "]" * 200)),
}


@pytest.mark.parametrize("case", sorted(BAD_FLOWS))
def test_a_bad_flow_file_is_refused_cleanly(case, tmp_path, basic_form, basic_flow) -> None:
    form = tmp_path / "form.json"
    form.write_text(json.dumps(basic_form), encoding="utf-8")
    flow = tmp_path / "flow.json"
    flow.write_text(json.dumps(BAD_FLOWS[case](basic_flow)), encoding="utf-8")
    out = StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("definitions", "import", str(form), str(flow), "--publish", stdout=out)
    assert exc.value.returncode == 1
    assert (
        "  definition." in out.getvalue()
        or "  flow." in out.getvalue()
        or "  schema." in (out.getvalue())
    )
    assert (DocumentType.objects.count(), Draft.objects.count()) == (0, 0)
    assert DefinitionVersion.objects.count() == 0


def test_a_bad_file_among_good_ones_saves_none_of_them(tmp_path, basic_form, basic_flow):
    paths: list[Path] = []
    for name, doc in (("form", basic_form), ("flow", basic_flow), ("junk", {"kind": "flow"})):
        paths.append(tmp_path / f"{name}.json")
        paths[-1].write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("definitions", "import", *map(str, paths), stdout=StringIO())
    assert Draft.objects.count() == 0

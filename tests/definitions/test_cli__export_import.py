"""``definitions export`` / ``import`` / ``diff``: canonical files, all-or-nothing imports."""

from __future__ import annotations

import copy
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from gongwen.definitions.canonical import canonical_file_text
from gongwen.definitions.models import DefinitionVersion, DocumentType, Draft
from gongwen.definitions.versions import publish_documents, save_draft

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("definitions", *args, stdout=out)
    return out.getvalue()


def _counts() -> tuple[int, int, int]:
    return DocumentType.objects.count(), Draft.objects.count(), DefinitionVersion.objects.count()


def _write(path: Path, doc) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_export_writes_canonical_form_and_flow_files(tmp_path, basic_form, basic_flow) -> None:
    publish_documents("basic", basic_form, basic_flow, None)
    out = _run("export", "basic", "--out", str(tmp_path))
    form_file, flow_file = tmp_path / "forms" / "basic.json", tmp_path / "flow_defs" / "basic.json"
    assert str(form_file) in out and "Exported basic v1." in out
    assert form_file.read_text(encoding="utf-8") == canonical_file_text(basic_form)
    assert json.loads(flow_file.read_text(encoding="utf-8")) == basic_flow
    assert "基本流程" in flow_file.read_text(encoding="utf-8")  # real UTF-8, not \\u escapes


def test_export_import_export_is_byte_identical(tmp_path, basic_form, basic_flow) -> None:
    publish_documents("basic", basic_form, basic_flow, None)
    _run("export", "basic", "--out", str(tmp_path / "a"))
    files = [tmp_path / "a" / "forms" / "basic.json", tmp_path / "a" / "flow_defs" / "basic.json"]
    out = _run("import", *map(str, files), "--publish")
    assert "basic: draft saved, unchanged since the latest version" in out
    changed = json.loads(files[0].read_text(encoding="utf-8"))
    changed["fields"][0]["max_length"] = 120
    _write(files[0], changed)
    assert "published v2" in _run("import", *map(str, files), "--publish", "--changelog", "120")
    _run("export", "basic", "--out", str(tmp_path / "b"))
    _run("import", str(tmp_path / "b" / "forms" / "basic.json"), str(files[1]), "--publish")
    _run("export", "basic", "--out", str(tmp_path / "c"))
    for part in ("forms", "flow_defs"):
        first = (tmp_path / "b" / part / "basic.json").read_bytes()
        assert first == (tmp_path / "c" / part / "basic.json").read_bytes()
    assert DefinitionVersion.objects.get(version=2).changelog == "120"


def test_export_of_a_chosen_version_and_of_a_missing_one(tmp_path, basic_form, basic_flow):
    publish_documents("basic", basic_form, basic_flow, None)
    flow = copy.deepcopy(basic_flow)
    flow["document"]["urgency"] = "加急"
    publish_documents("basic", basic_form, flow, None)
    _run("export", "basic", "--version", "1", "--out", str(tmp_path))
    exported = json.loads((tmp_path / "flow_defs" / "basic.json").read_text(encoding="utf-8"))
    assert exported["document"]["urgency"] == "平件"
    with pytest.raises(CommandError, match="No published version"):
        _run("export", "basic", "--version", "3", "--out", str(tmp_path))
    with pytest.raises(CommandError, match="No published version"):
        _run("export", "nothing", "--out", str(tmp_path))


def test_import_without_publish_saves_drafts_only(tmp_path, basic_form, basic_flow, admin_user):
    form, flow = _write(tmp_path / "f.json", basic_form), _write(tmp_path / "w.json", basic_flow)
    assert "basic: draft saved" in _run("import", str(form), str(flow), "--by", "admin")
    draft = Draft.objects.get()
    assert (draft.form, draft.flow, draft.updated_by) == (basic_form, basic_flow, admin_user)
    assert DefinitionVersion.objects.count() == 0


def test_an_invalid_file_imports_nothing_at_all(tmp_path, basic_form, basic_flow) -> None:
    other_form = copy.deepcopy(basic_form) | {"key": "other"}
    other_flow = copy.deepcopy(basic_flow) | {"key": "other", "form": "other"}
    other_flow["edges"] = other_flow["edges"][:-1]  # join → end missing
    paths = [
        _write(tmp_path / "basic_form.json", basic_form),
        _write(tmp_path / "basic_flow.json", basic_flow),
        _write(tmp_path / "other_form.json", other_form),
        _write(tmp_path / "other_flow.json", other_flow),
    ]
    out = StringIO()
    with pytest.raises(CommandError, match="nothing was imported") as exc:
        call_command("definitions", "import", *map(str, paths), "--publish", stdout=out)
    assert exc.value.returncode == 1
    assert f"{paths[3]}:" in out.getvalue()
    assert str(paths[1]) not in out.getvalue()
    assert _counts() == (0, 0, 0)


def test_a_form_file_alone_pairs_with_the_current_draft_flow(tmp_path, basic_form, basic_flow):
    save_draft("basic", basic_form, basic_flow, None)
    changed = copy.deepcopy(basic_form)
    changed["name"]["en"] = "Renamed"
    out = _run("import", str(_write(tmp_path / "f.json", changed)), "--publish")
    assert "published v1" in out
    assert DefinitionVersion.objects.get().form["name"]["en"] == "Renamed"


def test_import_refuses_files_it_cannot_pair_or_that_repeat_a_key(tmp_path, basic_form):
    lone = _write(tmp_path / "f.json", basic_form)
    twin = _write(tmp_path / "g.json", basic_form)
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("definitions", "--lang", "en", "import", str(lone), str(twin), stdout=out)
    assert "definition.duplicate_file_key" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("definitions", "import", str(lone), stdout=out)
    assert "definition.flow_not_found" in out.getvalue()
    assert _counts() == (0, 0, 0)


def test_import_by_an_unknown_user_is_refused(tmp_path, basic_form) -> None:
    with pytest.raises(CommandError, match="No user named"):
        _run("import", str(_write(tmp_path / "f.json", basic_form)), "--by", "ghost")


def test_diff_between_versions_and_against_the_draft(basic_form, basic_flow) -> None:
    publish_documents("basic", basic_form, basic_flow, None)
    flow = copy.deepcopy(basic_flow)
    flow["nodes"].insert(2, {"id": "office", "type": "approve", "assignee": {"rule": "initiator"}})
    flow["edges"][1] = {"from": "review", "to": "office"}
    flow["edges"].append({"from": "office", "to": "route"})
    publish_documents("basic", basic_form, flow, None)
    out = _run("--lang", "en", "diff", "basic", "1", "2")
    assert out.splitlines() == [
        "basic: 1 → 2",
        "  Nodes added: office",
        "  Edges added: review → office, office → route",
        "  Edges removed: review → route",
    ]
    data = json.loads(_run("diff", "basic", "2", "1", "--json"))
    assert data["nodes"]["removed"] == ["office"]
    save_draft("basic", basic_form, flow, None)
    assert "No changes." in _run("--lang", "en", "diff", "basic", "2", "draft")


@pytest.mark.parametrize(("old", "new"), [("1", "7"), ("x", "1"), ("draft", "1")])
def test_diff_of_something_missing_is_an_error(basic_form, basic_flow, old, new) -> None:
    publish_documents("basic", basic_form, basic_flow, None)
    with pytest.raises(CommandError):
        _run("diff", "basic", old, new)

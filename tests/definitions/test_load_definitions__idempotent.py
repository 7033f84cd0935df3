"""``manage.py load_definitions`` publishes shipped definitions only when their content changed."""

from __future__ import annotations

import copy
import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from gongwen.definitions.models import DefinitionVersion, DocumentType, Draft
from gongwen.definitions.versions import load_spec, retire, save_draft

pytestmark = pytest.mark.django_db
REPO = Path(__file__).resolve().parents[2]


def _load(directory: Path | None = None) -> str:
    out = StringIO()
    args = ["--dir", str(directory)] if directory else []
    call_command("load_definitions", *args, stdout=out)
    return out.getvalue()


def _counts() -> tuple[int, int, int]:
    return DocumentType.objects.count(), Draft.objects.count(), DefinitionVersion.objects.count()


@pytest.fixture
def shipped(tmp_path, basic_form, basic_flow) -> Path:
    """A repository-like directory with one document type, ``basic``."""
    for folder, doc in (("forms", basic_form), ("flow_defs", basic_flow)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "basic.json").write_text(json.dumps(doc), encoding="utf-8")
    (tmp_path / "flow_defs" / "schema").mkdir()  # not a definition: ignored
    return tmp_path


def test_first_load_publishes_version_one_with_a_draft(shipped, basic_form) -> None:
    out = _load(shipped)
    assert "basic: published v1" in out
    version = DefinitionVersion.objects.get()
    assert version.changelog == "Loaded from basic.json and basic.json"
    assert version.published_by is None
    assert Draft.objects.get().form == basic_form


def test_loading_again_changes_nothing(shipped) -> None:
    _load(shipped)
    before = _counts()
    assert "basic: unchanged (v1)" in _load(shipped)
    assert _counts() == before


def test_a_changed_file_publishes_the_next_version_and_keeps_the_draft(shipped, basic_flow):
    _load(shipped)
    save_draft("basic", {"work": "in progress"}, {}, None)
    flow = copy.deepcopy(basic_flow)
    flow["document"]["secrecy"] = "秘密"
    (shipped / "flow_defs" / "basic.json").write_text(json.dumps(flow), encoding="utf-8")
    assert "basic: published v2" in _load(shipped)
    assert load_spec("basic", 2).document.secrecy == "秘密"
    assert Draft.objects.get().form == {"work": "in progress"}


def test_an_invalid_shipped_file_loads_nothing(shipped, basic_form, basic_flow) -> None:
    (shipped / "forms" / "second.json").write_text(
        json.dumps(basic_form | {"key": "second"}), encoding="utf-8"
    )
    broken = copy.deepcopy(basic_flow) | {"key": "second", "form": "second"}
    broken["nodes"].append({"id": "island", "type": "handle"})
    (shipped / "flow_defs" / "second.json").write_text(json.dumps(broken), encoding="utf-8")
    out = StringIO()
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("load_definitions", "--dir", str(shipped), "--lang", "en", stdout=out)
    assert "second.json:/nodes/" in out.getvalue()
    assert _counts() == (0, 0, 0)


def test_a_missing_form_file_is_reported(shipped) -> None:
    (shipped / "forms" / "basic.json").unlink()
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("load_definitions", "--dir", str(shipped), stdout=out)
    assert "definition.unreadable" in out.getvalue()


def test_retired_versions_and_types_are_not_undone(shipped) -> None:
    _load(shipped)
    retire("basic", 1)
    assert "basic: unchanged (v1)" in _load(shipped)
    DocumentType.objects.update(is_retired=True)
    assert "basic: document type retired, skipped" in _load(shipped)
    assert DefinitionVersion.objects.count() == 1


def test_the_shipped_document_types_load_and_reload_idempotently(tmp_path) -> None:
    flows = sorted(p.stem for p in (REPO / "flow_defs").glob("*.json"))
    if not flows:
        pytest.skip("no shipped definitions in flow_defs/ yet")
    for folder in ("forms", "flow_defs"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    out = _load(tmp_path)
    assert [f"{key}: published v1" in out for key in flows] == [True] * len(flows)
    assert sorted(DocumentType.objects.values_list("key", flat=True)) == flows
    before = _counts()
    _load(tmp_path)
    assert _counts() == before
    for key in flows:
        assert load_spec(key, 1).key == key

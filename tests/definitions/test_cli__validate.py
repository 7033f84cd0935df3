"""``manage.py definitions validate``: every problem as ``file:pointer  code  message``; exit 1."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from gongwen.definitions.versions import publish_documents

pytestmark = pytest.mark.django_db
REPO = Path(__file__).resolve().parents[2]


def _write(path: Path, doc) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _run(*args: str) -> tuple[str, CommandError | None]:
    out = StringIO()
    try:
        call_command("definitions", *args, stdout=out)
    except CommandError as exc:
        return out.getvalue(), exc
    return out.getvalue(), None


@pytest.fixture
def repo(tmp_path, settings) -> Path:
    """An empty repository root, so forms/ of the real checkout is not consulted."""
    settings.REPO_DIR = tmp_path / "repo"
    return settings.REPO_DIR


def test_a_valid_form_and_flow_pass_with_exit_code_zero(tmp_path, repo, basic_form, basic_flow):
    form = _write(tmp_path / "basic_form.json", basic_form)
    flow = _write(tmp_path / "basic_flow.json", basic_flow)
    out, error = _run("--lang", "en", "validate", str(flow), str(form))
    assert error is None
    assert "2 file(s) valid." in out
    assert "2 个文件有效。" in _run("validate", str(flow), str(form))[0]


def test_every_problem_is_printed_with_file_pointer_and_code(
    tmp_path, repo, basic_form, basic_flow
):
    broken = copy.deepcopy(basic_flow)
    broken["edges"].append({"from": "review", "to": "nowhere"})
    broken["nodes"][1]["fields"]["ghost"] = "editable"
    form = _write(tmp_path / "form.json", basic_form)
    flow = _write(tmp_path / "flow.json", broken)
    out, error = _run("--lang", "en", "validate", str(form), str(flow))
    assert error is not None and error.returncode == 1
    assert "2 problem(s) in 2 file(s)" in str(error)
    lines = out.splitlines()
    assert f"{flow}:/edges/10/to  flow.dangling_edge  " in "\n".join(lines)
    assert any(
        line.startswith(f"{flow}:/nodes/1/fields/ghost  flow.unknown_field_permission  ")
        for line in lines
    )
    assert not any(line.startswith(str(form)) for line in lines)


def test_messages_are_chinese_by_default(tmp_path, repo, basic_form, basic_flow):
    broken = copy.deepcopy(basic_flow)
    broken["edges"].append({"from": "review", "to": "nowhere"})
    _write(tmp_path / "form.json", basic_form)
    flow = _write(tmp_path / "flow.json", broken)
    out, error = _run("validate", str(tmp_path / "form.json"), str(flow))
    assert error is not None
    (line,) = out.splitlines()
    message = line.split("  ", 2)[2]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message


def test_a_flow_finds_its_form_in_the_repository_forms_directory(
    tmp_path, repo, basic_form, basic_flow
):
    _write(repo / "forms" / "basic.json", basic_form)
    flow = _write(tmp_path / "flow.json", basic_flow)
    out, error = _run("validate", str(flow))
    assert error is None, out


def test_a_flow_finds_its_form_in_the_latest_published_version(
    tmp_path, repo, basic_form, basic_flow
):
    publish_documents("basic", basic_form, basic_flow, None)
    flow = _write(tmp_path / "flow.json", basic_flow)
    out, error = _run("validate", str(flow))
    assert error is None, out


def test_a_flow_whose_form_is_nowhere_is_a_problem(tmp_path, repo, basic_flow):
    flow = _write(tmp_path / "flow.json", basic_flow)
    out, error = _run("--lang", "en", "validate", str(flow))
    assert error is not None and error.returncode == 1
    assert f"{flow}:/form  flow.form_not_found  Form 'basic' not found" in out


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("{not json", "definition.not_json"),
        ('{"a": NaN}', "definition.not_json"),
        ('{"key": "a", "key": "b"}', "definition.duplicate_key"),
        ("[" * 100_000 + "]" * 100_000, "definition.not_json"),
        ("[1, 2]", "definition.not_object"),
    ],
)
def test_bad_files_are_problems_not_crashes(tmp_path, repo, text, code):
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    out, error = _run("validate", str(path))
    assert error is not None and error.returncode == 1
    assert f"  {code}  " in out


def test_an_unreadable_file_is_a_problem(tmp_path, repo):
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"name": "\xff"}')
    out, error = _run("validate", str(latin))
    assert error is not None and error.returncode == 1
    assert out.count("definition.unreadable") == 1


def test_a_path_that_is_not_a_file_is_a_usage_error_and_nothing_is_validated(tmp_path, repo):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    out, error = _run("--lang", "en", "validate", str(bad), str(tmp_path / "missing.json"))
    assert error is not None and error.returncode == 2
    assert str(error) == f"Not a file: {tmp_path / 'missing.json'}"
    assert out == ""


def test_the_exit_code_from_the_shell_is_one_on_problems_and_zero_when_valid(tmp_path, basic_form):
    good = _write(tmp_path / "form.json", basic_form)
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    env = {**os.environ, "GONGWEN_VAR_DIR": str(tmp_path / "var"), "GONGWEN_SECRET_KEY": "cli"}
    env.pop("DATABASE_URL", None)
    command = [sys.executable, str(REPO / "manage.py"), "definitions", "validate"]
    ok = subprocess.run([*command, str(good)], env=env, capture_output=True, text=True)  # noqa: S603 (fixed arguments)
    assert ok.returncode == 0, ok.stderr
    failed = subprocess.run([*command, str(bad)], env=env, capture_output=True, text=True)  # noqa: S603 (fixed arguments)
    assert failed.returncode == 1
    assert f"{bad}:  definition.not_json  " in failed.stdout

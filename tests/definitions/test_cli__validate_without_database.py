"""``manage.py definitions validate`` works before any database exists (a repository's CI).

Each test runs ``manage.py`` in a subprocess against a fresh SQLite file that was never migrated
(or, where said, migrated but empty), as an administrator would on a fresh clone.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHIPPED = sorted(str(p.relative_to(REPO)) for p in (REPO / "flow_defs").glob("*.json")) + sorted(
    str(p.relative_to(REPO)) for p in (REPO / "forms").glob("*.json")
)
#: Numbering series the shipped flows name: the default and each organ's own (document.organs).
SERIES_REFS = sum(
    1 + len(json.loads(p.read_text(encoding="utf-8"))["document"].get("organs", {}))
    for p in (REPO / "flow_defs").glob("*.json")
)


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    """Return an environment whose database is a SQLite file that does not exist yet."""
    var = tmp_path / "var"
    return {
        **os.environ,
        "GONGWEN_VAR_DIR": str(var),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        "GONGWEN_SECRET_KEY": "cli-without-database",
    }


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """Run ``manage.py args…`` from the repository root and return what happened."""
    return subprocess.run(  # noqa: S603 (fixed interpreter and script, arguments from the test)
        [sys.executable, str(REPO / "manage.py"), *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stdout + result.stderr, result.stderr


def test_the_shipped_definitions_are_valid_without_a_database(env):
    result = manage(env, "definitions", "validate", *SHIPPED)
    _no_traceback(result)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    not_checked = [line for line in lines if "  flow.numbering_series_not_checked  " in line]
    assert len(not_checked) == SERIES_REFS
    assert all(line.startswith("flow_defs/") for line in not_checked)
    notice = "flow_defs/notice.json:/document/numbering_series  flow.numbering_series_not_checked"
    assert (
        f"{notice}  未检查编号规则 “县政办发”：没有数据库（或尚未建表，请先运行 migrate）。"
        in lines
    )
    assert f"{SERIES_REFS} 处引用未检查：没有数据库。" in lines
    assert f"{len(SHIPPED)} 个文件有效。" in lines


def test_the_notice_is_english_with_lang_en(env):
    result = manage(env, "definitions", "--lang", "en", "validate", *SHIPPED)
    assert result.returncode == 0
    assert "Numbering series “县政办发” not checked: no database" in result.stdout
    assert f"{SERIES_REFS} reference(s) not checked: no database." in result.stdout
    assert f"{len(SHIPPED)} file(s) valid." in result.stdout


def test_a_broken_file_exits_one_with_pointer_code_and_message(env, tmp_path):
    flow = json.loads((REPO / "flow_defs" / "notice.json").read_text(encoding="utf-8"))
    broken = copy.deepcopy(flow)
    broken["edges"].append({"from": broken["nodes"][1]["id"], "to": "nowhere"})
    path = tmp_path / "notice.json"
    path.write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    result = manage(env, "definitions", "--lang", "en", "validate", str(path), "forms/notice.json")
    _no_traceback(result)
    assert result.returncode == 1
    index = len(broken["edges"]) - 1
    expected = f"{path}:/edges/{index}/to  flow.dangling_edge  The edge refers to a missing node"
    assert expected in result.stdout
    assert "1 problem(s) in 2 file(s)." in result.stderr


def test_a_syntax_error_says_line_and_column(env, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{\n  "kind": "form",\n  "key": "x",,\n}', encoding="utf-8")
    result = manage(env, "definitions", "validate", str(path))
    _no_traceback(result)
    assert result.returncode == 1
    assert f"{path}:  definition.not_json  不是有效的 JSON：第 3 行第 14 列" in result.stdout
    assert '该行："key": "x",▶,' in result.stdout


def test_a_flow_whose_form_could_only_be_published_is_not_checked_against_it(env, tmp_path):
    flow = json.loads((REPO / "flow_defs" / "letter.json").read_text(encoding="utf-8"))
    flow["form"] = flow["key"] = "elsewhere"
    path = tmp_path / "elsewhere.json"
    path.write_text(json.dumps(flow, ensure_ascii=False), encoding="utf-8")
    result = manage(env, "definitions", "validate", str(path))
    _no_traceback(result)
    assert result.returncode == 0, result.stdout
    assert f"{path}:/form  flow.form_not_checked  未检查表单 'elsewhere'" in result.stdout
    refs = 2 + len(flow["document"]["organs"])  # the form, the default series, each organ's
    assert f"{refs} 处引用未检查：没有数据库。" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        pytest.param([], id="no files"),
        pytest.param(["forms/notice.json", "forms/does-not-exist.json"], id="missing file"),
        pytest.param(["forms/*.json"], id="a glob that matched nothing"),
        pytest.param(["forms"], id="a directory"),
    ],
)
def test_usage_errors_exit_two(env, args):
    result = manage(env, "definitions", "validate", *args)
    _no_traceback(result)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""


def test_after_migrate_an_empty_series_table_means_unknown_series(env):
    migrated = manage(env, "migrate", "-v0")
    assert migrated.returncode == 0, migrated.stderr
    result = manage(env, "definitions", "validate", *SHIPPED)
    _no_traceback(result)
    assert result.returncode == 1
    assert result.stdout.count("  flow.unknown_numbering_series  ") == SERIES_REFS
    assert "not_checked" not in result.stdout

"""Definition files for the management commands: reading, pairing flows with forms, printing.

Reading never raises for bad content: unreadable files, invalid JSON, ``NaN``, duplicate object
keys and oversized files become problems with the codes ``definition.unreadable``,
``definition.not_json`` (with line and column), ``definition.duplicate_key`` and
``definition.too_large`` (the text is parsed by :mod:`gongwen.definitions.jsontext`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from django.conf import settings

from gongwen.conf import gongwen_settings
from gongwen.definitions import Problem, definition_kind
from gongwen.definitions.jsontext import parse_definition
from gongwen.definitions.registries import ask
from gongwen.definitions.versions import latest

#: A file may hold this many times the definition size limit before parsing is refused (files
#: are indented; the exact limit is applied by ``validate`` to the canonical JSON).
FILE_SIZE_FACTOR = 4


@dataclass
class DefinitionFile:
    """One definition read from disk, with the problems found while reading it."""

    path: Path
    doc: Any = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def kind(self) -> str | None:
        """Return ``"form"``, ``"flow"`` or None (unreadable or unrecognised)."""
        return None if self.problems else definition_kind(self.doc)

    @property
    def key(self) -> str | None:
        """Return the document's ``key`` if it is a string."""
        key = self.doc.get("key") if isinstance(self.doc, dict) else None
        return key if isinstance(key, str) else None

    @property
    def form_key(self) -> str | None:
        """Return the form key a flow names, if it is a string."""
        key = self.doc.get("form") if isinstance(self.doc, dict) else None
        return key if isinstance(key, str) else None


def _problem(code: str, zh: str, en: str) -> Problem:
    return Problem(pointer="", code=code, message_zh=zh, message_en=en)


def read_definition(path: Path) -> DefinitionFile:
    """Return the definition in ``path``, or a :class:`DefinitionFile` carrying its problems."""
    loaded = DefinitionFile(path)
    limit = gongwen_settings.DEFINITION_MAX_BYTES * FILE_SIZE_FACTOR
    try:
        if path.stat().st_size > limit:
            loaded.problems.append(
                _problem(
                    "definition.too_large",
                    f"文件过大（上限 {limit} 字节）。",
                    f"File too large (the limit is {limit} bytes).",
                )
            )
            return loaded
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        loaded.problems.append(
            _problem("definition.unreadable", f"无法读取：{exc}", f"Cannot read: {exc}")
        )
        return loaded
    loaded.doc, problems = parse_definition(text)
    loaded.problems += problems
    return loaded


def shipped_dirs(root: Path | None = None) -> tuple[Path, Path]:
    """Return the shipped ``forms/`` and ``flow_defs/`` directories under ``root`` (the repo)."""
    base = Path(root) if root is not None else Path(settings.REPO_DIR)
    return base / "forms", base / "flow_defs"


def find_form(key: str, given: dict[str, DefinitionFile]) -> tuple[Any, str] | None:
    """Return ``(form document, where it came from)`` for form ``key``, or None.

    Looks among the ``given`` files first, then in ``forms/`` of the repository, then at the
    latest published version of the document type ``key``.

    Raises:
        LookupUnavailable: the form is not among the files or in ``forms/``, and the published
            versions cannot be asked (no database, or its tables are not created yet).
    """
    if key in given:
        return given[key].doc, str(given[key].path)
    forms_dir, _ = shipped_dirs()
    on_disk = forms_dir / f"{key}.json"
    if on_disk.is_file():
        loaded = read_definition(on_disk)
        if not loaded.problems and loaded.kind == "form":
            return loaded.doc, str(on_disk)
    published: Any = ask(lambda name: latest(name, include_retired=True), key)
    if published is not None:
        return published.form, f"{key} v{published.version}"
    return None


def form_not_found(form_key: str) -> Problem:
    """Return the problem of a flow whose form is nowhere to be found."""
    return Problem(
        pointer="/form",
        code="flow.form_not_found",
        message_zh=f"找不到表单 {form_key!r}（既不在所给文件中，也不在 forms/ 或已发布版本中）。",
        message_en=f"Form {form_key!r} not found (not among the files, in forms/ or published).",
    )


def form_not_checked(form_key: str) -> Problem:
    """Return the notice of a flow whose form could only be among the published versions."""
    return Problem(
        pointer="/form",
        code="flow.form_not_checked",
        message_zh=f"未检查表单 {form_key!r}：它不在所给文件和 forms/ 中，而已发布版本需要数据库"
        "（没有数据库）；依赖表单的检查已跳过。",
        message_en=f"Form {form_key!r} not checked: it is not among the files or in forms/, and "
        "the published versions need a database (there is none); the checks that need the form "
        "were skipped.",
    )


def print_problems(out: TextIO, label: str, problems: list[Problem], language: str) -> None:
    """Write one line per problem: ``label:pointer  code  message``."""
    for found in problems:
        out.write(f"{label}:{found.pointer}  {found.code}  {found.message(language)}\n")

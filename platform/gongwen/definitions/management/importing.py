"""Import definition files as drafts (and publish them): validate everything, then write all.

A flow file is paired with the form it names (among the files, else the document type's draft,
else its latest version); a form file alone is paired with the document type's current flow the
same way. Every pair goes through :func:`gongwen.definitions.versions.check_pair`; one problem
anywhere and nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from gongwen.definitions import Problem, validate
from gongwen.definitions.actions import ImportDefinition
from gongwen.definitions.management.files import DefinitionFile, read_definition
from gongwen.definitions.models import Draft
from gongwen.definitions.versions import check_pair, latest


@dataclass
class Pair:
    """A document type's form and flow as they will be saved, with where each came from."""

    key: str
    form: Any
    flow: Any
    form_label: str
    flow_label: str


@dataclass
class ImportResult:
    """Problems by file label (empty when the import happened) and a line per document type."""

    problems: list[tuple[str, list[Problem]]] = field(default_factory=list)
    report: list[str] = field(default_factory=list)


def current(key: str, which: str) -> tuple[Any, str] | None:
    """Return ``(document, label)``: the ``which`` ("form"/"flow") of key's draft or latest."""
    draft = Draft.objects.filter(document_type__key=key).first()
    if draft is not None:
        return getattr(draft, which), f"{key} draft ({which})"
    version = latest(key, include_retired=True)
    if version is not None:
        return getattr(version, which), f"{key} v{version.version} ({which})"
    return None


def _missing(which: str, key: str) -> Problem:
    return Problem(
        pointer="",
        code=f"definition.{which}_not_found",
        message_zh=f"找不到文种 {key!r} 的{'表单' if which == 'form' else '流程'}定义。",
        message_en=f"No {which} definition for document type {key!r} was found.",
    )


def _duplicate(key: str) -> Problem:
    return Problem(
        pointer="/key",
        code="definition.duplicate_file_key",
        message_zh=f"多个文件定义了同一个标识 {key!r}。",
        message_en=f"More than one file defines the key {key!r}.",
    )


def pair_files(files: list[DefinitionFile], result: ImportResult) -> list[Pair]:
    """Return the pairs to import; add a problem to ``result`` for whatever cannot be paired."""
    forms: dict[str, DefinitionFile] = {}
    flows: dict[str, DefinitionFile] = {}
    for loaded in files:
        target = {"form": forms, "flow": flows}.get(loaded.kind or "")
        if target is None or not loaded.key:
            problems = validate(loaded.doc) or [_missing("flow", str(loaded.key))]
            result.problems.append((str(loaded.path), problems))
        elif loaded.key in target:
            result.problems.append((str(loaded.path), [_duplicate(loaded.key)]))
        else:
            target[loaded.key] = loaded
    pairs = [_pair_flow(flow, forms, result) for flow in flows.values()]
    used = {flow.form_key for flow in flows.values()}
    pairs += [_pair_form(form, result) for key, form in forms.items() if key not in used]
    return [p for p in pairs if p is not None]


def _pair_flow(flow: DefinitionFile, forms: dict, result: ImportResult) -> Pair | None:
    form_key = flow.form_key or str(flow.key)
    found = (forms[form_key].doc, str(forms[form_key].path)) if form_key in forms else None
    found = found or current(str(flow.key), "form")
    if found is None:
        result.problems.append((str(flow.path), [_missing("form", form_key)]))
        return None
    return Pair(str(flow.key), found[0], flow.doc, found[1], str(flow.path))


def _pair_form(form: DefinitionFile, result: ImportResult) -> Pair | None:
    found = current(str(form.key), "flow")
    if found is None:
        result.problems.append((str(form.path), [_missing("flow", str(form.key))]))
        return None
    return Pair(str(form.key), form.doc, found[0], str(form.path), found[1])


def check(pairs: Iterable[Pair], result: ImportResult) -> None:
    """Add every problem of every pair to ``result``, with pointers relative to each file."""
    for pair in pairs:
        by_label: dict[str, list[Problem]] = {}
        for found in check_pair(pair.key, pair.form, pair.flow):
            root, _, rest = found.pointer.partition("/")[2].partition("/")
            label = pair.form_label if root == "form" else pair.flow_label
            moved = Problem(
                pointer=f"/{rest}" if rest else "",
                code=found.code,
                message_zh=found.message_zh,
                message_en=found.message_en,
            )
            by_label.setdefault(label, []).append(moved)
        result.problems += list(by_label.items())


def import_files(
    paths: Iterable[Path], *, publish: bool = False, changelog: str = "", by: Any = None
) -> ImportResult:
    """Validate the definition files in ``paths`` and save them as drafts; publish if asked.

    Each pair is imported by the action :class:`~gongwen.definitions.actions.ImportDefinition`
    as ``by`` (an administrator, or an :class:`~gongwen.definitions.actions.Operator`).

    Returns an :class:`ImportResult`; when it has problems, nothing was written.
    """
    result = ImportResult()
    files = [read_definition(Path(p)) for p in paths]
    result.problems += [(str(f.path), f.problems) for f in files if f.problems]
    pairs = pair_files([f for f in files if not f.problems], result)
    check(pairs, result)
    if result.problems:
        return result
    with transaction.atomic():
        for pair in pairs:
            result.report.append(_save(pair, publish, changelog, by))
    return result


def _save(pair: Pair, do_publish: bool, changelog: str, by: Any) -> str:
    imported = ImportDefinition(
        pair.key, by, form=pair.form, flow=pair.flow, publish=do_publish, changelog=changelog
    ).execute()
    if not do_publish:
        return f"{pair.key}: draft saved"
    if imported.version is None:
        return f"{pair.key}: draft saved, unchanged since the latest version"
    return f"{pair.key}: draft saved, published v{imported.version.version}"

"""``manage.py load_definitions``: publish the shipped document types (idempotent).

Every ``flow_defs/<key>.json`` of the repository (``settings.REPO_DIR``) is paired with the
``forms/<form>.json`` it names. All pairs are validated first; one problem and nothing is loaded.
A pair is published as a new version only when its content hash differs from the latest version
of its document type (retired versions count, so an administrator's retirement is not undone);
retired document types are skipped. A document type without a draft gets one equal to the
loaded content, and an existing draft is never overwritten. Each pair is loaded by the
action :class:`~gongwen.definitions.actions.ImportDefinition` as the operator (audited
``gongwen.definition.import`` and ``gongwen.definition.publish``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import translation

from gongwen.definitions.actions import ImportDefinition, Operator
from gongwen.definitions.management.files import print_problems, read_definition, shipped_dirs
from gongwen.definitions.management.importing import ImportResult, Pair, check
from gongwen.definitions.models import DocumentType
from gongwen.definitions.versions import content_hash_of, latest


class Command(BaseCommand):
    help = "Publish the shipped forms/ + flow_defs/ definitions whose content changed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dir",
            type=Path,
            default=None,
            help="Directory holding forms/ and flow_defs/ (default: the repository).",
        )
        parser.add_argument("--lang", default=None, help="Language of problem messages.")

    def handle(self, *args: Any, **options: Any) -> None:
        language = options["lang"] or translation.get_language() or "zh-hans"
        forms_dir, flows_dir = shipped_dirs(options["dir"])
        result = ImportResult()
        pairs = _shipped_pairs(forms_dir, flows_dir, result)
        check(pairs, result)
        for label, problems in result.problems:
            print_problems(self.stdout, label, problems, language)
        if result.problems:
            raise CommandError("Shipped definitions have problems; nothing was loaded.")
        with transaction.atomic():
            lines = [_load(pair) for pair in pairs]
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"Definitions loaded: {len(pairs)} document types."))


def _shipped_pairs(forms_dir: Path, flows_dir: Path, result: ImportResult) -> list[Pair]:
    pairs = []
    for flow_path in sorted(flows_dir.glob("*.json")):
        flow = read_definition(flow_path)
        if flow.problems:
            result.problems.append((str(flow_path), flow.problems))
            continue
        form_path = forms_dir / f"{flow.form_key or flow.key}.json"
        form = read_definition(form_path)
        if form.problems:
            result.problems.append((str(form_path), form.problems))
            continue
        key = flow.key or flow_path.stem
        pairs.append(Pair(key, form.doc, flow.doc, str(form_path), str(flow_path)))
    return pairs


def _load(pair: Pair) -> str:
    if DocumentType.objects.filter(key=pair.key, is_retired=True).exists():
        return f"{pair.key}: document type retired, skipped"
    current = latest(pair.key, include_retired=True)
    if current is not None and current.content_hash == content_hash_of(pair.form, pair.flow):
        return f"{pair.key}: unchanged (v{current.version})"
    changelog = f"Loaded from {Path(pair.form_label).name} and {Path(pair.flow_label).name}"
    imported = ImportDefinition(
        pair.key,
        Operator(),
        form=pair.form,
        flow=pair.flow,
        publish=True,
        changelog=changelog,
        keep_draft=True,
    ).execute()
    if imported.version is None:
        return f"{pair.key}: unchanged"
    return f"{pair.key}: published v{imported.version.version}"

"""``manage.py definitions validate|export|import|diff``: definition files and versions.

- ``validate <files…>``: print every problem as ``file:pointer  code  message``; exit 1 if any.
  A flow is checked against its form, found among the files by key, else in ``forms/``, else
  in the latest published version. Needs no database: what only the database can answer
  (numbering series, published forms) is printed as "not checked" and is not a problem. A path
  that is not a file is a usage error (exit 2, nothing validated), like a missing argument.
- ``export <key> [--version N] [--out DIR]``: write ``forms/<key>.json`` and
  ``flow_defs/<key>.json`` under DIR in canonical form (export → import → export is identical).
- ``import <files…> [--publish] [--changelog TEXT] [--by USERNAME]``: validate, then save as the
  drafts (and publish); all or nothing.
- ``diff <key> <v1> <v2> [--json]``: what changed between two versions (``draft`` is allowed).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from django.utils import translation
from django.utils.translation import gettext as _

from gongwen.definitions import Problem, validate
from gongwen.definitions.actions import Operator
from gongwen.definitions.canonical import canonical_file_text
from gongwen.definitions.diff import diff, render
from gongwen.definitions.exceptions import LookupUnavailable
from gongwen.definitions.management.files import (
    DefinitionFile,
    find_form,
    form_not_checked,
    form_not_found,
    print_problems,
    read_definition,
)
from gongwen.definitions.management.importing import import_files
from gongwen.definitions.models import DefinitionVersion, Draft
from gongwen.definitions.versions import latest


class Command(BaseCommand):
    help = "Validate, export, import and compare definitions (forms and flows)."
    # The system checks describe this installation (LibreOffice, plugins …), not definition
    # files: ``validate`` runs without them (and without a database); the others run them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--lang", default=None, help="Language of messages: zh-hans (default) or en."
        )
        actions = parser.add_subparsers(dest="action", required=True)
        check = actions.add_parser("validate", help="Print every problem of the given files.")
        check.add_argument("files", nargs="+", type=Path)
        export = actions.add_parser("export", help="Write a version as forms/ + flow_defs/.")
        export.add_argument("key")
        export.add_argument("--version", type=int, default=None)
        export.add_argument("--out", type=Path, default=Path())
        imports = actions.add_parser("import", help="Validate files and save them as drafts.")
        imports.add_argument("files", nargs="+", type=Path)
        imports.add_argument("--publish", action="store_true")
        imports.add_argument("--changelog", default="")
        imports.add_argument("--by", default=None, help="Username recorded as the author.")
        compare = actions.add_parser("diff", help="Show what changed between two versions.")
        compare.add_argument("key")
        compare.add_argument("old", help="A version number or 'draft'.")
        compare.add_argument("new", help="A version number or 'draft'.")
        compare.add_argument("--json", action="store_true", help="Print the structured diff.")

    def handle(self, *args: Any, **options: Any) -> None:
        self.language = options["lang"] or settings.LANGUAGE_CODE
        if options["action"] != "validate" and not options.get("skip_checks"):
            self.check()
        handler = getattr(self, f"handle_{options['action']}")
        with translation.override(self.language):
            try:
                handler(options)
            except DatabaseError as exc:  # export, import, diff read versions: say so, no trace
                raise CommandError(
                    _("This needs the database: run “manage.py migrate” first (%(error)s).")
                    % {"error": exc},
                    returncode=1,
                ) from exc

    # --- validate ---

    def handle_validate(self, options: dict[str, Any]) -> None:
        missing = [str(path) for path in options["files"] if not path.is_file()]
        if missing:
            raise CommandError(
                _("Not a file: %(paths)s") % {"paths": ", ".join(missing)}, returncode=2
            )
        files = [read_definition(path) for path in options["files"]]
        forms = {f.key: f for f in files if f.kind == "form" and f.key}
        total = unchecked_total = 0
        for loaded in files:
            unchecked: list[Problem] = []
            problems = loaded.problems or self._validate_one(loaded, forms, unchecked)
            print_problems(self.stdout, str(loaded.path), [*problems, *unchecked], self.language)
            total += len(problems)
            unchecked_total += len(unchecked)
        if unchecked_total:
            self.stdout.write(self.style.WARNING(self._not_checked(unchecked_total)))
        if total:
            raise CommandError(self._problems(total, len(files)), returncode=1)
        self.stdout.write(self.style.SUCCESS(self._valid(len(files))))

    def _validate_one(
        self, loaded: DefinitionFile, forms: dict[str, DefinitionFile], unchecked: list[Problem]
    ) -> list[Problem]:
        """Return the problems of one file; append what could not be checked to ``unchecked``."""
        if loaded.kind != "flow":
            return validate(loaded.doc, unchecked=unchecked)
        form_key = loaded.form_key
        try:
            found = find_form(form_key, forms) if form_key else None
        except LookupUnavailable:
            unchecked.append(form_not_checked(str(form_key)))
            return validate(loaded.doc, unchecked=unchecked)
        if form_key and found is None:
            return [*validate(loaded.doc, unchecked=unchecked), form_not_found(form_key)]
        return validate(loaded.doc, form=found[0] if found else None, unchecked=unchecked)

    @staticmethod
    def _valid(files: int) -> str:
        return _("%(count)d file(s) valid.") % {"count": files}

    @staticmethod
    def _problems(problems: int, files: int) -> str:
        return _("%(problems)d problem(s) in %(files)d file(s).") % {
            "problems": problems,
            "files": files,
        }

    @staticmethod
    def _not_checked(count: int) -> str:
        return _("%(count)d reference(s) not checked: no database.") % {"count": count}

    # --- export ---

    def handle_export(self, options: dict[str, Any]) -> None:
        key, number = options["key"], options["version"]
        if number is None:
            chosen = latest(key) or latest(key, include_retired=True)
        else:
            chosen = DefinitionVersion.objects.filter(
                document_type__key=key, version=number
            ).first()
        if chosen is None:
            raise CommandError(f"No published version of {key!r} matches.")
        out: Path = options["out"]
        for folder, doc in (("forms", chosen.form), ("flow_defs", chosen.flow)):
            target = out / folder / f"{chosen.document_type.key}.json"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(canonical_file_text(doc), encoding="utf-8")
            self.stdout.write(str(target))
        self.stdout.write(self.style.SUCCESS(f"Exported {key} v{chosen.version}."))

    # --- import ---

    def handle_import(self, options: dict[str, Any]) -> None:
        by = None
        if options["by"]:
            by = get_user_model().objects.filter(username=options["by"]).first()
            if by is None:
                raise CommandError(f"No user named {options['by']!r}.")
        result = import_files(
            options["files"],
            publish=options["publish"],
            changelog=options["changelog"],
            by=Operator(by),
        )
        for label, problems in result.problems:
            print_problems(self.stdout, label, problems, self.language)
        if result.problems:
            count = sum(len(p) for _, p in result.problems)
            raise CommandError(f"{count} problem(s); nothing was imported.", returncode=1)
        for line in result.report:
            self.stdout.write(line)

    # --- diff ---

    def handle_diff(self, options: dict[str, Any]) -> None:
        key = options["key"]
        old, new = self._side(key, options["old"]), self._side(key, options["new"])
        result = diff(old, new)
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{key}: {options['old']} → {options['new']}")
        for line in render(result, self.language):
            self.stdout.write(f"  {line}")

    def _side(self, key: str, name: str) -> DefinitionVersion | Draft:
        if name == "draft":
            found: Any = Draft.objects.filter(document_type__key=key).first()
        elif name.isdigit():
            found = DefinitionVersion.objects.filter(
                document_type__key=key, version=int(name)
            ).first()
        else:
            raise CommandError(f"{name!r} is neither a version number nor 'draft'.")
        if found is None:
            raise CommandError(f"{key!r} has no {name if name == 'draft' else 'version ' + name}.")
        return found

"""``manage.py verify_pdf <file>``: report a PDF's signatures; exit 0 only when valid."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongwen.documents.seals.certificates import load_certificates
from gongwen.documents.seals.verification import verify_pdf


class Command(BaseCommand):
    help = (
        "Verify the signatures of a PDF: valid, modified (changed after signing), untrusted, "
        "unsigned or invalid. Exit status 0 only for valid."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--trust-root",
            type=Path,
            action="append",
            default=None,
            help='Trust this root certificate (PEM/DER) instead of GONGWEN["SEAL_TRUST_ROOTS"];'
            " repeatable.",
        )

    def handle(self, *args: Any, file: Path, trust_root: list[Path] | None, **options: Any) -> None:
        try:
            data = file.read_bytes()
            roots = (
                [c for path in trust_root for c in load_certificates(path.read_bytes())]
                if trust_root
                else None
            )
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        result = verify_pdf(data, trust_roots=roots)
        self.stdout.write(f"status:    {result.status}")
        self.stdout.write(f"signer:    {result.signer}")
        self.stdout.write(f"organ:     {result.organ}")
        self.stdout.write(f"signed at: {result.signed_at.isoformat() if result.signed_at else ''}")
        self.stdout.write(f"message:   {result.message}")
        if options["verbosity"] > 1:
            for line in result.details:
                self.stdout.write(f"  {line}")
        if not result.is_valid:
            raise CommandError(f"not valid: {result.status}", returncode=1)

"""``manage.py create_test_ca [--out var/pki]``: a local test CA and seals for the demo organs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongwen.documents.seals.exceptions import SealKeyError
from gongwen.documents.seals.keys import kek_source
from gongwen.documents.seals.testca import ensure_test_ca


class Command(BaseCommand):
    help = (
        "Create a local test root CA and a certificate + seal for every demo organ "
        "(idempotent). For demos and tests only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--out",
            type=Path,
            default=None,
            help="Directory of the CA certificate and key (default: <GONGWEN_VAR_DIR>/pki).",
        )

    def handle(self, *args: Any, out: Path | None, **options: Any) -> None:
        try:
            report = ensure_test_ca(out or Path(settings.VAR_DIR) / "pki")
        except SealKeyError as exc:
            raise CommandError(f"{exc} (the test CA's key in --out cannot be read)") from exc
        verb = "created" if report.ca_created else "reused"
        self.stdout.write(f"Test root CA {verb}: {report.root_certificate}")
        self.stdout.write(f"Trust root installed: {report.trust_root}")
        self.stdout.write(f"Private keys encrypted with a key derived from {kek_source()}.")
        for code in report.created:
            self.stdout.write(f"  seal created: {code}")
        for code in report.kept:
            self.stdout.write(f"  seal kept:    {code}")
        self.stdout.write(
            self.style.SUCCESS(f"{len(report.created)} created, {len(report.kept)} kept.")
        )

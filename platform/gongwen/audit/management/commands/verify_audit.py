"""``manage.py verify_audit``: recompute the hash chain; exit 1 at the first broken link."""

from __future__ import annotations

import re
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from gongwen.audit.triggers import missing_triggers
from gongwen.audit.verification import DEFAULT_BATCH_SIZE, verify_chain

ANCHOR = re.compile(r"^(?P<seq>[1-9][0-9]*):(?P<hash>[0-9a-f]{64})$")


def _anchor(text: str) -> tuple[int, str]:
    match = ANCHOR.fullmatch(text.strip().lower())
    if not match:
        raise CommandError(f"--anchor must look like SEQ:SHA256HEX, not {text!r}")
    return int(match["seq"]), match["hash"]


class Command(BaseCommand):
    help = (
        "Walk the audit chain in seq order, recompute every hash and report the first broken "
        "link (exit 1), or the number of events checked (exit 0). Also checks that the "
        "append-only triggers are in place."
    )
    # An integrity check must run even when other configuration is broken.
    requires_system_checks = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument(
            "--batch-size", type=int, default=DEFAULT_BATCH_SIZE, help="events per query"
        )
        parser.add_argument(
            "--anchor",
            action="append",
            default=[],
            type=_anchor,
            metavar="SEQ:HASH",
            help="a head printed by an earlier run and kept elsewhere; it must still match",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1")
        using = options["database"]
        report = verify_chain(
            using=using, batch_size=options["batch_size"], anchors=dict(options["anchor"])
        )
        if not report.intact:
            raise CommandError(
                f"audit chain broken after {report.checked} intact events: "
                f"{report.broken.describe()}",
                returncode=1,
            )
        missing = missing_triggers(connections[using])
        if missing:
            raise CommandError(
                f"audit chain intact ({report.checked} events) but the append-only triggers "
                f"are missing: {', '.join(sorted(missing))}; re-run the audit migrations",
                returncode=1,
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"audit chain intact: {report.checked} events; "
                f"head {report.last_seq}:{report.last_hash}"
            )
        )

"""``manage.py void_number "县政办发〔2026〕3号" --reason … --by <username>``: record a void.

Runs the action :class:`~gongwen.documents.actions.VoidNumber` as ``--by`` (a registrar or an
administrator), so it is refused and audited exactly as everywhere else.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from gongwen.documents.actions import VoidNumber
from gongwen.documents.numbering.models import IssuedNumber
from gongwen.errors import GongwenError


class Command(BaseCommand):
    help = "Void an issued or reserved 发文字号 with a reason (it is never handed out again)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("number", help="the number's text, e.g. 县政办发〔2026〕3号")
        parser.add_argument("--reason", required=True, help="why it is voided (recorded)")
        parser.add_argument(
            "--by", required=True, help="username of the registrar or administrator voiding it"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            number = IssuedNumber.objects.get(text=options["number"])
        except IssuedNumber.DoesNotExist:
            raise CommandError(f"No issued number {options['number']!r}.") from None
        try:
            by = get_user_model().objects.get(username=options["by"])
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user {options['by']!r}.") from None
        try:
            VoidNumber(number, by, reason=options["reason"]).execute()
        except GongwenError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Voided {number.text}."))

"""预留号 and 作废: reserve a 发文字号 for someone, or void one so it is never handed out again.

Who: a registrar (a post with the role ``registrar``, 文书/收发员, who keeps the registers)
or a system administrator (superuser). A series names a 代字, not a department, so the
registrar's organ is not compared with the series'. Each is recorded as
``gongwen.number.reserve`` / ``gongwen.number.void``, an audit event on the number (no
process is concerned: a number is taken or given up outside any flow).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongwen.audit.recording import record
from gongwen.documents.document.exceptions import NotAllowed
from gongwen.documents.numbering.exceptions import InvalidVoid, NumberingError, UnknownSeries
from gongwen.documents.numbering.models import IssuedNumber, NumberStatus
from gongwen.documents.numbering.services import (
    check_reservation,
    may_manage_numbers,
    reserve,
    void,
)
from gongwen.errors import InvalidRequest, Missing
from gongwen.kernel.actions import Action, register
from gongwen.kernel.text import check_text
from gongwen.kernel.transactions import translating
from gongwen.org.models import User
from gongwen.runtime.actions.base import is_person, object_id, require_person

#: The longest series key (``NumberSeries.key``) and void reason accepted.
MAX_SERIES_LENGTH = 40
MAX_REASON_LENGTH = 2000


class UnknownNumber(NumberingError, Missing):
    """No number has this id."""

    code = "numbering.unknown_number"
    message = _("No such number.")


def _require_registrar(actor: Any) -> None:
    require_person(actor)
    if not may_manage_numbers(actor):
        raise NotAllowed(_("Only a registrar or an administrator may do this to a number."))


@register
class ReserveNumber(Action):
    """Take the next number of ``series`` now and hold it for ``for_user`` (预留号)."""

    audit_action = "gongwen.number.reserve"

    def __init__(self, series: str, actor: Any, *, for_user: Any, year: int | None = None) -> None:
        self.series = series
        self.actor = actor
        self.for_user = for_user
        self.year = year

    def _validate(self) -> None:
        _require_registrar(self.actor)
        try:
            check_text(self.series, "/series", MAX_SERIES_LENGTH)
        except InvalidRequest:
            raise UnknownSeries(pointer="/series") from None
        if not isinstance(self.for_user, User) or not is_person(self.for_user):
            raise InvalidRequest(_("Choose an active person."), pointer="/for_user")

    def check(self) -> None:
        """Raise a :class:`~gongwen.errors.GongwenError` if the number cannot be reserved."""

        def work() -> None:
            self._validate()
            check_reservation(self.series, year=self.year)

        translating(work)

    def run(self) -> IssuedNumber:
        """Reserve the number and record it."""
        self._validate()
        held = reserve(self.series, for_user=self.for_user, by=self.actor, year=self.year)
        facts = {"number": held.text, "series": self.series, "for": self.for_user.pk}
        record(self.audit_action, actor=self.actor, target=held, payload=facts)
        return held


@register
class VoidNumber(Action):
    """Void ``number`` (an :class:`IssuedNumber` or its id) with ``reason``."""

    audit_action = "gongwen.number.void"

    def __init__(self, number: Any, actor: Any, *, reason: str = "") -> None:
        self.number = number
        self.actor = actor
        self.reason = reason.strip() if isinstance(reason, str) else reason

    def _load(self, *, lock: bool = False) -> IssuedNumber:
        _require_registrar(self.actor)
        check_text(self.reason, "/reason", MAX_REASON_LENGTH, error=InvalidVoid)
        if not self.reason:
            raise InvalidVoid(_("A void needs a reason."), pointer="/reason")
        rows = IssuedNumber.objects.select_related("series")
        rows = rows.select_for_update(of=("self",)) if lock else rows
        found = rows.filter(pk=object_id(self.number, "/number", IssuedNumber)).first()
        if found is None:
            raise UnknownNumber(pointer="/number")
        if found.status == NumberStatus.VOIDED:
            raise InvalidVoid(_("%(number)s is already voided."), number=found.text)
        return found

    def check(self) -> None:
        """Raise a :class:`~gongwen.errors.GongwenError` if the number cannot be voided."""
        translating(self._load)

    def run(self) -> IssuedNumber:
        """Void the number and record it."""
        found = self._load(lock=True)
        was = str(found.status)
        voided = void(found, reason=self.reason, by=self.actor)
        facts = {
            "number": voided.text,
            "series": voided.series.key,
            "was": was,
            "reason": self.reason,
            "document": voided.document_id,
        }
        record(self.audit_action, actor=self.actor, target=voided, payload=facts)
        return voided

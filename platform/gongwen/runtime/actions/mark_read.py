"""已阅: the recipient of a 待阅 copy (抄送/传阅) marks it read.

Only the person the copy was handed to, still cleared for the process's 密级, marks it; a
copy already read is a conflict. A finished process's copies are still read (a copy is often
handed out at 办结). The read is a trace row ``gongwen.reading.mark_read`` of the process and
its audit event.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongwen.kernel.actions import register
from gongwen.runtime.actions.base import ActionResult, LockedAction, object_id, require_person
from gongwen.runtime.events import record
from gongwen.runtime.exceptions import Conflict, NotFound, NotPermitted
from gongwen.runtime.models import ReadItem
from gongwen.runtime.secrecy import is_cleared


@register
class MarkRead(LockedAction):
    """Mark ``item`` (a :class:`~gongwen.runtime.models.ReadItem` or its id) read by ``actor``."""

    code = "mark_read"
    audit_action = "gongwen.reading.mark_read"

    def __init__(self, item: ReadItem | int, actor: Any) -> None:
        self.item_id = item.pk if isinstance(item, ReadItem) else item
        self.actor = actor

    def load(self, *, lock: bool = False) -> ReadItem:
        """Return the 待阅 item (row-locked when ``lock``), with its process."""
        rows = ReadItem.objects.select_related("process")
        if lock:
            rows = rows.select_for_update(of=("self",))
        found = rows.filter(pk=object_id(self.item_id, "/item", ReadItem)).first()
        if found is None:
            raise NotFound()
        return found

    def validate(self, item: ReadItem) -> None:
        """Check the actor is the item's recipient, cleared for it, and has not read it yet."""
        require_person(self.actor)
        if item.user_id != self.actor.pk or not is_cleared(self.actor, item.process):
            raise NotPermitted(_("This copy was not sent to you."))
        if item.read_at is not None:
            raise Conflict(_("You have already read this."))

    def apply(self, item: ReadItem) -> ActionResult:
        """Set the read time and record the read."""
        item.read_at = timezone.now()
        item.save(update_fields=["read_at"])
        record(
            self.audit_action,
            process=item.process,
            node_id=item.node_id,
            actor=self.actor,
            payload={"item": item.pk},
        )
        return ActionResult(item.process_id, [], "read")

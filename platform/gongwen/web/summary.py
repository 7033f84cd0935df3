"""What the home page tells a person: their open work and the pages that exist for them.

The staff workspace (待办 list, task pages, drafting) is not built yet, so the home page shows
counts of what is waiting and says plainly where it can be handled today.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gongwen.runtime import inbox

#: Counts stop here ("99+"): a capped count costs one bounded query whatever the backlog.
COUNT_CAP = 99


@dataclass(frozen=True)
class Count:
    """One inbox tab's count, capped at :data:`COUNT_CAP`."""

    key: str
    label: str | Promise
    value: int

    @property
    def shown(self) -> str:
        """Return the count as shown: ``99+`` past the cap."""
        return f"{COUNT_CAP}+" if self.value > COUNT_CAP else str(self.value)


def open_work(user: Any) -> list[Count]:
    """Return the person's 待办 / 待阅 / 我发起 / 草稿 counts (one bounded query each)."""
    limit = COUNT_CAP + 1
    return [
        Count("todo", _("To do"), len(inbox.todo(user, limit=limit))),
        Count("to_read", _("To read"), len(inbox.to_read(user, limit=limit))),
        Count("started", _("Started by me"), len(inbox.started_by(user, limit=limit))),
        Count("drafts", _("Drafts"), len(inbox.drafts(user, limit=limit))),
    ]


def admin_sections(request: HttpRequest) -> list[dict]:
    """Return the admin site's apps and models this person may open (empty for non-staff)."""
    if not request.user.is_active or not request.user.is_staff:
        return []
    return admin.site.get_app_list(request)

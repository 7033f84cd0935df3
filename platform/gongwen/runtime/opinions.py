"""Save opinions (审批意见) with every revision kept."""

from __future__ import annotations

from typing import Any

from gongwen.runtime.models import Opinion, OpinionRevision, Task

MAX_OPINION_LENGTH = 2000


def save_opinion(task: Task, author: Any, text: str, *, on_behalf_of: Any = None) -> Opinion:
    """Set the opinion of ``task`` to ``text`` and keep this version as a new revision."""
    opinion, created = Opinion.objects.get_or_create(task=task, defaults={"text": text})
    if not created and opinion.text != text:
        opinion.text = text
        opinion.save(update_fields=["text", "updated_at"])
    OpinionRevision.objects.create(
        opinion=opinion, text=text, author=author, on_behalf_of=on_behalf_of
    )
    return opinion

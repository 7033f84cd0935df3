"""What may this person do with a 公文: the runtime's answer for its process, and the 公文's own.

:func:`available_document_actions` returns what
:func:`gongwen.runtime.available.available_actions` lists for the 公文's process (its tasks,
urging, terminating, an administrator's 跳转 …), then the 公文's own verbs, each from the one
predicate of :mod:`gongwen.documents.access` that the action asks: 要素 edits
(:func:`~gongwen.documents.access.may_edit`), the 密级 with the levels this person may choose
(:func:`~gongwen.documents.access.may_change_secrecy`), and downloading its files
(:func:`~gongwen.documents.access.may_download`). Someone who may not see the 公文 gets nothing.
"""

from __future__ import annotations

from typing import Any

from gongwen.documents.access import may_change_secrecy, may_download, may_edit, may_view
from gongwen.documents.document.models import Document
from gongwen.documents.kinds import Secrecy
from gongwen.runtime.available import Available, available_actions
from gongwen.runtime.models import Process

#: The kernel registry code of a 要素 edit (a 密级 change is one); downloading is a read.
EDIT_ACTION = "gongwen.document.edit"
READ_ACTION = "gongwen.document.read"


def available_document_actions(subject: Document | Process, user: Any) -> list[Available]:
    """Return what ``user`` may do with the 公文 ``subject`` (or the 公文 of a process) now.

    The 公文's own items have ``task_id`` ``None``: ``edit`` (its 要素), ``change_secrecy``
    (``levels``: the 密级 up to the person's clearance) and ``download``.
    """
    document = _document_of(subject)
    process = document.process if document is not None else subject
    if document is not None and not may_view(user, document):
        return []
    found = available_actions(process, user)
    if document is None:
        return found
    if not may_edit(user, document):  # nor the 密级, then (may_change_secrecy asks it first)
        levels = []
    else:
        found.append(Available("edit", EDIT_ACTION, None, {}))
        levels = [str(s) for s in Secrecy if may_change_secrecy(user, document, s.level)]
    if levels:
        found.append(Available("change_secrecy", EDIT_ACTION, None, {"levels": levels}))
    if may_download(user, document):
        found.append(Available("download", READ_ACTION, None, {}))
    return found


def _document_of(subject: Document | Process) -> Document | None:
    if isinstance(subject, Document):
        return subject
    return Document.objects.filter(process_id=subject.pk).select_related("process").first()

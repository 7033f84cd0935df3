"""Load what a 公文 action is addressed to: a document by id, its process locked first."""

from __future__ import annotations

from typing import Any

from gongwen.documents.document.exceptions import MissingDocument
from gongwen.documents.document.models import Document
from gongwen.runtime.actions.base import object_id
from gongwen.runtime.models import Process


def load_document(value: Any, *, lock: bool = False) -> Document:
    """Return the document ``value`` names (a :class:`Document` or its id).

    With ``lock``, its process row and then its own row are locked, in the order every
    runtime action takes them (process first), so no deadlock with a step's handler.

    Raises:
        InvalidInput: not a document nor a whole number (pointer ``/document``).
        MissingDocument: no such document.
    """
    pk = object_id(value, "/document", Document)
    if lock:
        process_id = Document.objects.filter(pk=pk).values_list("process_id", flat=True).first()
        if process_id is not None:
            list(Process.objects.select_for_update().filter(pk=process_id).values("pk"))
    rows = Document.objects.select_related("process")
    found = (rows.select_for_update(of=("self",)) if lock else rows).filter(pk=pk).first()
    if found is None:
        raise MissingDocument(pointer="/document")
    return found

"""起草: start a 公文 of a document type — its process and its document in one transaction.

The one public way to start: it takes a document type's key, runs that type's current
published version (never a draft, never a retired version; the compiled spec stays internal)
and creates the 公文 inside the start, before the first step opens, so every step after the
start — a condition on 紧急程度, 编号 of a 收文 — finds its document. When anything fails,
neither the process nor the document exists.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongwen.definitions.models import DefinitionVersion
from gongwen.definitions.versions import latest, load_spec
from gongwen.documents.kinds import Secrecy
from gongwen.documents.services import create_document, update_elements
from gongwen.errors import InvalidRequest, Missing
from gongwen.kernel.actions import Action, register
from gongwen.kernel.text import check_text
from gongwen.runtime.actions import ActionResult, StartProcess
from gongwen.runtime.events import record

#: The longest document type key (``DocumentType.key``'s column).
MAX_KEY_LENGTH = 64
#: 密级 a 公文 may be started with ("": the document type's default).
SECRECY_CHOICES = frozenset({"", *(str(s) for s in Secrecy)})


class UnknownDocumentType(Missing):
    """No published, active version of the document type exists."""

    code = "document.unknown_type"
    message = _("There is no published document type %(key)s.")


@register
class StartDocument(Action):
    """Start a 公文 of ``document_type`` for ``initiator``.

    Args:
        document_type: the document type's key (e.g. ``notice``).
        initiator: who drafts it.
        title: the title (事由) of the process and of the document.
        data: the form data.
        urgency: 紧急程度 (empty: the type's default).
        secrecy: 密级 (empty: the type's default).
        chosen: node id → usernames, for ``initiator_chosen`` rules.
    """

    audit_action = "gongwen.document.start"

    def __init__(
        self,
        document_type: str,
        initiator: Any,
        *,
        title: str = "",
        data: dict | None = None,
        urgency: str = "",
        secrecy: str = "",
        chosen: dict | None = None,
    ) -> None:
        self.document_type = document_type
        self.initiator = initiator
        self.title = title
        self.data = data
        self.urgency = urgency
        self.secrecy = secrecy
        self.chosen = chosen

    def check(self) -> None:
        """Raise a :class:`~gongwen.errors.GongwenError` if the 公文 cannot be started."""
        self._start(self._version()).check()

    def run(self) -> ActionResult:
        """Start the process; create the 公文 when the start completes; return the result."""
        return self._start(self._version()).execute()

    def _version(self) -> DefinitionVersion:
        key = self.document_type
        try:
            check_text(key, "/document_type", MAX_KEY_LENGTH)
        except InvalidRequest:
            raise UnknownDocumentType(key="", pointer="/document_type") from None
        if not isinstance(self.secrecy, str) or self.secrecy not in SECRECY_CHOICES:
            raise InvalidRequest(_("Unknown 密级."), pointer="/secrecy")
        found = latest(key) if key else None
        if found is None or found.document_type.is_retired:
            raise UnknownDocumentType(key=key, pointer="/document_type")
        return found

    def _start(self, version: DefinitionVersion) -> StartProcess:
        spec = load_spec(version.document_type.key, version.version)
        on_started = self._create_document if spec.document is not None else None
        return StartProcess(
            spec,
            self.initiator,
            data=self.data,
            title=self.title,
            urgency=self.urgency,
            chosen=self.chosen,
            on_started=on_started,
        )

    def _create_document(self, process: Any) -> None:
        document = create_document(process, subject=self.title)
        if self.secrecy and self.secrecy != document.secrecy:
            document = update_elements(document, self.initiator, secrecy=self.secrecy)
        record(
            self.audit_action,
            process=process,
            node_id=process.flow_class.spec.start.id,
            actor=self.initiator,
            payload={
                "document": document.pk,
                "kind": document.kind,
                "secrecy": document.secrecy,
                "urgency": document.urgency,
            },
        )

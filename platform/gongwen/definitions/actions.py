"""The definitions' changes as kernel actions: save a draft, import, publish, retire.

Who: an administrator — an active person with the model permission the admin asks for the
same change (``definitions.change_draft`` to save or import a draft,
``definitions.add_definitionversion`` to publish, ``definitions.change_definitionversion`` to
retire; a superuser has them all) — or the server's operator running a management command,
named by :class:`Operator` (``manage.py definitions import``, ``load_definitions``): whoever
can run those already holds the database. Nobody else, and never ``None``.

Every action is audited in its transaction: ``gongwen.definition.save_draft``,
``gongwen.definition.import``, ``gongwen.definition.publish`` (written by
:func:`gongwen.definitions.versions.publish_documents`, so an import that publishes records
it too) and ``gongwen.definition.retire``. The functions of
:mod:`gongwen.definitions.versions` are what the actions run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from gongwen.audit.recording import record
from gongwen.definitions.exceptions import InvalidDefinition
from gongwen.definitions.models import DefinitionVersion, DocumentType, Draft
from gongwen.definitions.versions import (
    check_key,
    check_pair,
    draft_of,
    publish_documents,
    publish_problems,
    retire,
    save_draft,
    storage_problems,
)
from gongwen.errors import Forbidden, InvalidRequest, Missing, StateConflict
from gongwen.kernel.actions import Action, register
from gongwen.kernel.text import check_text
from gongwen.kernel.transactions import translating

#: The longest changelog accepted.
MAX_CHANGELOG_LENGTH = 10_000
#: The highest version number (``DefinitionVersion.version`` is a positive integer column).
MAX_VERSION = 2**31 - 1


@dataclass(frozen=True)
class Operator:
    """The server's operator, acting through a management command; ``by`` is the author named."""

    by: Any = None


class NotAdministrator(Forbidden):
    """Only an administrator (or the operator at the command line) changes definitions."""

    code = "definition.not_allowed"
    message = _("Only an administrator may change document type definitions.")


class UnknownVersion(Missing):
    """The document type has no such version."""

    code = "definition.unknown_version"
    message = _("There is no such version of this document type.")


class AlreadyRetired(StateConflict):
    """The version was retired before."""

    code = "definition.already_retired"
    message = _("This version is already retired.")


def author(actor: Any, permission: str) -> Any:
    """Return who is recorded for ``actor``'s change (a user, or ``None`` for the operator).

    Raises:
        NotAdministrator: ``actor`` is neither an :class:`Operator` nor an active person
            holding ``permission``.
    """
    from gongwen.org.models import User

    if isinstance(actor, Operator):
        return actor.by if isinstance(actor.by, User) else None
    if isinstance(actor, User) and actor.is_active and actor.has_perm(permission):
        return actor
    raise NotAdministrator()


def _changelog(text: Any) -> str:
    return check_text(text, "/changelog", MAX_CHANGELOG_LENGTH)


class DefinitionAction(Action):
    """An action on a document type's definitions: ``check()`` is :meth:`validate`, read-only."""

    permission = ""

    def check(self) -> None:
        """Raise a :class:`~gongwen.errors.GongwenError` if the change cannot be made now."""
        translating(self.validate)

    def validate(self) -> Any:
        """Raise unless the change may be made; return who is recorded as its author."""
        raise NotImplementedError


@register
class SaveDefinitionDraft(DefinitionAction):
    """Store ``form`` and ``flow`` as the draft of document type ``key`` (created if new).

    A draft may be invalid; it must be storable JSON within the definition limits.
    """

    audit_action = "gongwen.definition.save_draft"
    permission = "definitions.change_draft"

    def __init__(self, key: str, actor: Any, *, form: Any, flow: Any) -> None:
        self.key, self.actor, self.form, self.flow = key, actor, form, flow

    def validate(self) -> Any:
        """Check who saves, the key and that both documents can be stored."""
        by = author(self.actor, self.permission)
        check_key(self.key)
        problems = storage_problems(self.form, self.flow)
        if problems:
            raise InvalidDefinition(problems)
        return by

    def run(self) -> Draft:
        """Save the draft and record it."""
        by = self.validate()
        draft = save_draft(self.key, self.form, self.flow, by)
        record(self.audit_action, actor=by, target=draft, payload={"key": self.key})
        return draft


@register
class PublishDefinition(DefinitionAction):
    """Publish the draft of document type ``key`` as its next version."""

    audit_action = "gongwen.definition.publish"
    permission = "definitions.add_definitionversion"

    def __init__(self, key: str, actor: Any, *, changelog: str = "") -> None:
        self.key, self.actor, self.changelog = key, actor, changelog

    def validate(self) -> Any:
        """Check who publishes, that there is a draft and that it can be published."""
        by = author(self.actor, self.permission)
        _changelog(self.changelog)
        draft = draft_of(self.key)
        problems = publish_problems(self.key, draft.form, draft.flow)
        if problems:
            raise InvalidDefinition(problems)
        return by

    def run(self) -> DefinitionVersion:
        """Publish (the audit event is written with the version)."""
        by = self.validate()
        draft = draft_of(self.key)
        return publish_documents(self.key, draft.form, draft.flow, by, self.changelog)


@dataclass
class Imported:
    """What an import did: the draft saved, the version published (``None``: not published)."""

    key: str
    version: DefinitionVersion | None
    unchanged: bool = False


@register
class ImportDefinition(DefinitionAction):
    """Import ``form`` and ``flow`` (from files) as document type ``key``.

    Args:
        key: the document type.
        actor: an administrator or the :class:`Operator`.
        form: the form document.
        flow: the flow document.
        publish: publish it as well (content equal to the latest version is reported as
            unchanged, not refused).
        changelog: the published version's changelog.
        keep_draft: publish the pair itself and leave an existing draft alone (a new type gets
            a draft equal to it) — how ``load_definitions`` loads the shipped definitions.
            Otherwise the pair becomes the draft, and is published from it when asked.
    """

    audit_action = "gongwen.definition.import"
    permission = "definitions.change_draft"

    def __init__(
        self,
        key: str,
        actor: Any,
        *,
        form: Any,
        flow: Any,
        publish: bool = False,
        changelog: str = "",
        keep_draft: bool = False,
    ) -> None:
        self.key, self.actor, self.form, self.flow = key, actor, form, flow
        self.publish, self.changelog, self.keep_draft = publish, changelog, keep_draft

    def validate(self) -> Any:
        """Check who imports and that the pair is valid (imports are all or nothing)."""
        by = author(self.actor, self.permission)
        if self.publish is not False:
            author(self.actor, PublishDefinition.permission)
        if not isinstance(self.publish, bool) or not isinstance(self.keep_draft, bool):
            raise InvalidRequest(pointer="/publish")
        _changelog(self.changelog)
        problems = check_pair(self.key, self.form, self.flow)
        if problems:
            raise InvalidDefinition(problems)
        return by

    def run(self) -> Imported:
        """Save the draft and publish as asked; record the import."""
        by = self.validate()
        if not self.keep_draft:
            save_draft(self.key, self.form, self.flow, by)
        result = self._published(by) if self.publish else Imported(self.key, None)
        if self.keep_draft and result.version is not None:
            Draft.objects.get_or_create(
                document_type=result.version.document_type,
                defaults={"form": result.version.form, "flow": result.version.flow},
            )
        facts = {
            "key": self.key,
            "published": result.version.version if result.version else None,
            "unchanged": result.unchanged,
            "draft_saved": not self.keep_draft,
        }
        target = DocumentType.objects.filter(key=self.key).first()
        record(self.audit_action, actor=by, target=target, payload=facts)
        return result

    def _published(self, by: Any) -> Imported:
        if publish_problems(self.key, self.form, self.flow):
            return Imported(self.key, None, unchanged=True)  # the pair itself was valid
        version = publish_documents(self.key, self.form, self.flow, by, self.changelog)
        return Imported(self.key, version)


@register
class RetireDefinition(DefinitionAction):
    """Retire version ``version`` of ``key``: no new processes; running ones continue on it."""

    audit_action = "gongwen.definition.retire"
    permission = "definitions.change_definitionversion"

    def __init__(self, key: str, version: int, actor: Any) -> None:
        self.key, self.version, self.actor = key, version, actor

    def validate(self) -> Any:
        """Check who retires and that the version exists and is in use."""
        by = author(self.actor, self.permission)
        check_key(self.key)
        number = self.version
        if isinstance(number, bool) or not isinstance(number, int):
            raise InvalidRequest(_("Name the version by its number."), pointer="/version")
        found = None
        if 0 < number <= MAX_VERSION:
            found = DefinitionVersion.objects.filter(
                document_type__key=self.key, version=number
            ).first()
        if found is None:
            raise UnknownVersion(pointer="/version")
        if found.retired_at is not None:
            raise AlreadyRetired(pointer="/version")
        return by

    def run(self) -> DefinitionVersion:
        """Retire the version (the audit event is written with it)."""
        by = self.validate()
        return retire(self.key, self.version, by=by)

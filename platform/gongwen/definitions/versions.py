"""Drafts, publishing, retiring and loading versions of a document type (contract 3).

The public entries are the actions of :mod:`gongwen.definitions.actions` (who may, every
parameter checked, the audit event); these functions are what they run, and what tests of
the definitions' internals and test fixtures call directly.

Lifecycle: :func:`save_draft` stores any JSON (a draft may be invalid) → :func:`publish` checks
the draft with :func:`gongwen.definitions.validate` and writes an immutable
:class:`~gongwen.definitions.models.DefinitionVersion` → :func:`retire` stops new use of a
version, which stays loadable for the processes that run on it.

Publishing and retiring are recorded in the audit trail (``gongwen.definition.publish`` and
``gongwen.definition.retire``) in the same transaction.

Publishing content identical to the latest active version is refused with the problem code
``definition.unchanged`` (no empty versions in the changelog). Problems from publishing point
into the pair ``{"form": …, "flow": …}``: ``/form/fields/0``, ``/flow/nodes/3``.
"""

from __future__ import annotations

import dataclasses
import threading
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from gongwen.audit.recording import record
from gongwen.definitions import (
    Problem,
    compile_flow,
    compile_form,
    definition_kind,
    upgrade,
    validate,
)
from gongwen.definitions.canonical import has_unstorable_text, pair_hash
from gongwen.definitions.exceptions import InvalidDefinition
from gongwen.definitions.limits import within_limits
from gongwen.definitions.models import DefinitionVersion, DocumentType, Draft
from gongwen.definitions.specs import FlowSpec, FormSpec

__all__ = [
    "check_pair",
    "clear_spec_cache",
    "content_hash_of",
    "draft_of",
    "latest",
    "load_form_spec",
    "load_spec",
    "publish",
    "publish_documents",
    "publish_problems",
    "retire",
    "save_draft",
    "storage_problems",
]

User = AbstractBaseUser  # whoever AUTH_USER_MODEL is (``org.User``)


def _problem(pointer: str, code: str, zh: str, en: str) -> Problem:
    return Problem(pointer=pointer, code=code, message_zh=zh, message_en=en)


def _rebase(problem: Problem, root: str) -> Problem:
    """Return ``problem`` with its pointer moved under ``root`` (``/form`` or ``/flow``)."""
    pointer = problem.pointer
    if pointer.startswith("form:"):
        root, pointer = "/form", pointer[len("form:") :]
    return dataclasses.replace(problem, pointer=root + pointer)


def check_key(key: str) -> None:
    """Raise :class:`InvalidDefinition` unless ``key`` is a valid document type key (a slug)."""
    try:
        if not isinstance(key, str) or len(key) > 64:
            raise ValidationError("bad key")
        validate_slug(key)
    except ValidationError:
        raise InvalidDefinition(
            [
                _problem(
                    "",
                    "definition.invalid_key",
                    f"文种标识 {key!r} 无效：只能使用字母、数字、下划线和连字符，最长 64 个字符。",
                    f"Invalid document type key {key!r}: use letters, digits, _ and -, "
                    "at most 64 characters.",
                )
            ]
        ) from None


def _check_storable(value: Any, root: str) -> list[Problem]:
    """Return problems if ``value`` is not storable JSON within the definition limits.

    The depth, JSON and size checks are the validator's own (:func:`limits.within_limits`);
    on top, text must be storable in every database: no lone surrogates, no NUL characters
    (PostgreSQL ``jsonb`` rejects both).
    """
    problems, _plain = within_limits(value)
    if problems:
        return [_rebase(p, root) for p in problems]
    if has_unstorable_text(value):
        return [
            _problem(
                root,
                "definition.invalid_unicode",
                "文本含有无法存储的字符（NUL 或孤立的代理字符）。",
                "The text holds characters that cannot be stored (NUL or lone surrogates).",
            )
        ]
    return []


def storage_problems(form: Any, flow: Any) -> list[Problem]:
    """Return why ``form`` and ``flow`` cannot be stored, even as a draft (``[]``: they can)."""
    return _check_storable(form, "/form") + _check_storable(flow, "/flow")


def check_pair(key: str, form: Any, flow: Any) -> list[Problem]:
    """Return every problem of ``form`` and ``flow`` as the pair of document type ``key``.

    Checks the key, runs the one validator on the form and on the flow (checked against the
    form), and adds the pair's own rules: both documents carry the document type's key, each
    in its place. Pointers are rebased onto
    ``{"form": …, "flow": …}``. Never raises for any JSON input.
    """
    try:
        check_key(key)
    except InvalidDefinition as exc:
        return list(exc.problems)
    problems = storage_problems(form, flow)
    if problems:
        return problems
    problems = [_rebase(p, "/form") for p in validate(form)]
    problems += [_rebase(p, "/flow") for p in validate(flow, form=form)]
    for root, doc, kind in (("/form", form, "form"), ("/flow", flow, "flow")):
        if definition_kind(doc) not in (kind, None):
            problems.append(
                _problem(
                    f"{root}/kind",
                    "definition.wrong_kind",
                    f"此处应为{'表单' if kind == 'form' else '流程'}定义。",
                    f"A {kind} definition belongs here.",
                )
            )
        doc_key = doc.get("key") if isinstance(doc, dict) else None
        if isinstance(doc_key, str) and doc_key != key:
            problems.append(
                _problem(
                    f"{root}/key",
                    "definition.key_mismatch",
                    f"标识 {doc_key!r} 与文种 {key!r} 不一致。",
                    f"Key {doc_key!r} does not match the document type {key!r}.",
                )
            )
    return problems


def content_hash_of(form: Any, flow: Any) -> str:
    """Return the content hash ``form`` and ``flow`` would be published with (after upgrade)."""
    return pair_hash(upgrade(form), upgrade(flow))


def _names(flow: Any, key: str) -> tuple[str, str]:
    name = flow.get("name") if isinstance(flow, dict) else None
    name = name if isinstance(name, dict) else {}
    zh, en = name.get("zh-Hans"), name.get("en")
    return (zh if isinstance(zh, str) and zh else key)[:200], (en if isinstance(en, str) else "")[
        :200
    ]


def _document_type(key: str, flow: Any) -> DocumentType:
    zh, en = _names(flow, key)
    doc_type, _ = DocumentType.objects.get_or_create(
        key=key, defaults={"name_zh": zh, "name_en": en}
    )
    return doc_type


def _locked_document_type(key: str, flow: Any) -> DocumentType:
    """Return the document type ``key`` locked for this transaction, creating it if new."""
    locked = DocumentType.objects.select_for_update().filter(key=key).first()
    if locked is None:
        _document_type(key, flow)
        locked = DocumentType.objects.select_for_update().get(key=key)
    return locked


def save_draft(key: str, form: Any, flow: Any, by: User | None) -> Draft:
    """Store ``form`` and ``flow`` as the draft of document type ``key`` (created if new).

    A draft may be invalid; it must only be JSON within the definition size limit.

    Raises:
        InvalidDefinition: the key is not a slug, or a document is not JSON or too large.
    """
    check_key(key)
    problems = storage_problems(form, flow)
    if problems:
        raise InvalidDefinition(problems)
    with transaction.atomic():
        doc_type = _document_type(key, flow)
        draft, _ = Draft.objects.update_or_create(
            document_type=doc_type, defaults={"form": form, "flow": flow, "updated_by": by}
        )
    return draft


def draft_of(key: str) -> Draft:
    """Return the draft of document type ``key``.

    Raises:
        InvalidDefinition: the key is not a slug, or there is no draft (``definition.no_draft``).
    """
    check_key(key)
    draft = Draft.objects.filter(document_type__key=key).first()
    if draft is None:
        raise InvalidDefinition(
            [
                _problem(
                    "",
                    "definition.no_draft",
                    f"文种 {key!r} 没有草稿可发布。",
                    f"Document type {key!r} has no draft to publish.",
                )
            ]
        )
    return draft


def publish_problems(key: str, form: Any, flow: Any) -> list[Problem]:
    """Return why ``form`` and ``flow`` cannot be published as ``key``'s next version (read-only).

    The pair's problems (:func:`check_pair`), or ``definition.unchanged`` when the content
    equals the latest active version.
    """
    problems = check_pair(key, form, flow)
    if problems:
        return problems
    current = (
        DefinitionVersion.objects.filter(document_type__key=key)
        .order_by("-version")
        .values_list("version", "content_hash", "retired_at")
        .first()
    )
    if current is not None and current[2] is None and current[1] == content_hash_of(form, flow):
        return [_unchanged(current[0])]
    return []


def publish(key: str, by: User | None, changelog: str = "") -> DefinitionVersion:
    """Publish the draft of document type ``key`` as its next version.

    Raises:
        InvalidDefinition: the draft has problems (all of them are in the exception), it equals
            the latest active version (``definition.unchanged``), or there is no draft
            (``definition.no_draft``). Nothing is written.
    """
    draft = draft_of(key)
    return publish_documents(key, draft.form, draft.flow, by, changelog)


def publish_documents(
    key: str, form: Any, flow: Any, by: User | None, changelog: str = ""
) -> DefinitionVersion:
    """Publish ``form`` and ``flow`` as the next version of ``key`` (creating the type if new).

    The documents are validated as a pair, upgraded to the current format and stored as one
    snapshot. The version number is allocated under a row lock on the document type, so two
    concurrent publishes get distinct, consecutive numbers. The draft is left as it is.

    Raises:
        InvalidDefinition: see :func:`publish`.
    """
    problems = check_pair(key, form, flow)
    if problems:
        raise InvalidDefinition(problems)
    form, flow = upgrade(form), upgrade(flow)
    content_hash = pair_hash(form, flow)  # the same as content_hash_of() before upgrading
    with transaction.atomic():
        doc_type = _locked_document_type(key, flow)
        # Only the columns needed: the previous version's JSON may be large.
        current = (
            doc_type.versions.order_by("-version")
            .values_list("version", "content_hash", "retired_at")
            .first()
        )
        if current is not None and current[2] is None and current[1] == content_hash:
            raise InvalidDefinition([_unchanged(current[0])])
        number = (current[0] if current else 0) + 1
        _rename(doc_type, flow)
        version = DefinitionVersion.objects.create(
            document_type=doc_type,
            version=number,
            form=form,
            flow=flow,
            content_hash=content_hash,
            published_by=by,
            changelog=changelog,
        )
        record(
            "gongwen.definition.publish",
            actor=by,
            target=version,
            payload={"key": key, "version": number, "content_hash": content_hash},
        )
        return version


def _rename(doc_type: DocumentType, flow: Any) -> None:
    """Keep the document type's names those of its latest published flow."""
    zh, en = _names(flow, doc_type.key)
    if (doc_type.name_zh, doc_type.name_en) != (zh, en):
        doc_type.name_zh, doc_type.name_en = zh, en
        doc_type.save(update_fields=["name_zh", "name_en"])


def _unchanged(version: int) -> Problem:
    return _problem(
        "",
        "definition.unchanged",
        f"内容与第 {version} 版相同，无需发布。",
        f"The content equals version {version}; nothing to publish.",
    )


def retire(key: str, version: int, by: User | None = None) -> DefinitionVersion:
    """Retire version ``version`` of ``key``: no new processes; running ones continue on it.

    Retiring a retired version keeps its first ``retired_at`` and records nothing.

    Raises:
        DefinitionVersion.DoesNotExist: there is no such version.
    """
    with transaction.atomic():
        found = (
            DefinitionVersion.objects.select_for_update(of=("self",))
            .select_related("document_type")
            .get(document_type__key=key, version=version)
        )
        if found.retired_at is None:
            found.retired_at = timezone.now()
            found.save(update_fields=["retired_at"])
            record(
                "gongwen.definition.retire",
                actor=by,
                target=found,
                payload={"key": key, "version": version},
            )
    return found


def latest(key: str, *, include_retired: bool = False) -> DefinitionVersion | None:
    """Return the highest version of ``key`` (active only unless ``include_retired``), or None."""
    versions = DefinitionVersion.objects.filter(document_type__key=key)
    if not include_retired:
        versions = versions.active()
    return versions.select_related("document_type").order_by("-version").first()


# --- Specs: compiled once per (key, version); versions are immutable, so never stale. ---

_cache: dict[tuple[str, int], tuple[FormSpec, FlowSpec]] = {}
_cache_lock = threading.Lock()


def _compile(found: DefinitionVersion) -> tuple[FormSpec, FlowSpec]:
    # The form spec keeps the compiler's hash of the form alone; the flow spec carries the
    # version's hash (form and flow together), what identifies what a process runs on.
    form_spec = compile_form(found.form, version=found.version)
    flow_spec = compile_flow(found.flow, found.form, version=found.version, published=True)
    return form_spec, dataclasses.replace(flow_spec, content_hash=found.content_hash)


def _specs(key: str, version: int) -> tuple[FormSpec, FlowSpec]:
    cache_key = (key, version)
    specs = _cache.get(cache_key)
    if specs is not None:
        return specs
    with _cache_lock:  # one compile per version, so the runtime sees one spec object
        specs = _cache.get(cache_key)
        if specs is None:
            found = DefinitionVersion.objects.get(document_type__key=key, version=version)
            specs = _cache[cache_key] = _compile(found)
    return specs


def load_spec(key: str, version: int) -> FlowSpec:
    """Return the compiled flow of version ``version`` of ``key`` (retired ones too), cached.

    ``FlowSpec.version`` is the version number and ``FlowSpec.content_hash`` the version's
    content hash. The same object is returned on every call in this process.

    Raises:
        DefinitionVersion.DoesNotExist: there is no such version.
    """
    return _specs(key, version)[1]


def load_form_spec(key: str, version: int) -> FormSpec:
    """Return the compiled form of version ``version`` of ``key``, cached like :func:`load_spec`.

    ``FormSpec.content_hash`` is the hash of the form document alone.
    """
    return _specs(key, version)[0]


def clear_spec_cache() -> None:
    """Forget every compiled spec (for tests; never needed in production)."""
    with _cache_lock:
        _cache.clear()


@receiver(post_save, sender=DefinitionVersion, dispatch_uid="definitions_version_cache")
def _forget_reused_number(
    sender: type, instance: DefinitionVersion, created: bool, **kwargs: Any
) -> None:
    # A number is only ever reused after a rollback (tests); drop what was compiled for it.
    if created:
        with _cache_lock:
            _cache.pop((instance.document_type.key, instance.version), None)

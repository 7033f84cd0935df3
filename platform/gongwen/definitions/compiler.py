"""Compile valid definitions into the immutable specs the runtime reads.

Compiling validates first and refuses (``InvalidDefinition``) anything with a problem, so the
builders below may index into the document freely: the schema and the semantic checks have
guaranteed every key and type they touch. ``ui`` (designer-only) is dropped.
"""

from __future__ import annotations

import hashlib
from typing import Any

from gongwen.definitions.data_schemas import form_data_schema
from gongwen.definitions.durations import parse_duration
from gongwen.definitions.exceptions import InvalidDefinition
from gongwen.definitions.limits import canonical_bytes
from gongwen.definitions.problems import Problem, problem
from gongwen.definitions.specs import (
    ApprovalMode,
    AssigneeSpec,
    DeadlineSpec,
    DocumentSettingsSpec,
    EdgeSpec,
    EmptyAssigneePolicy,
    Escalation,
    FieldAccess,
    FieldSpec,
    FlowSpec,
    FormSpec,
    NodeSpec,
    NodeType,
    OrganSeriesSpec,
    frozen_map,
)
from gongwen.definitions.validator import validated

_FIELD_PARAMS = ("max_length", "minimum", "maximum", "integer", "max_files", "min_rows", "max_rows")


def compile_form(doc: object, *, version: int = 0) -> FormSpec:
    """Return the :class:`FormSpec` of the form definition ``doc``.

    Args:
        doc: A form definition (any format version the upgrade chain knows).
        version: The published version number to record in the spec (0 for a draft).

    Raises:
        InvalidDefinition: ``validate(doc)`` found problems (all of them are attached).
    """
    plain, digest = _valid(doc, None, "form")
    return FormSpec(
        key=plain["key"],
        version=version,
        data_schema=frozen_map(form_data_schema(plain["fields"])),
        fields=frozen_map({f["name"]: _field(f) for f in plain["fields"]}),
        rules=tuple(_rule(r) for r in plain.get("rules", [])),
        content_hash=digest,
        name=frozen_map(plain["name"]),
        ui_schema=frozen_map(plain.get("ui_schema", {})),
    )


def compile_flow(
    doc: object, form: object | None, *, version: int = 0, published: bool = False
) -> FlowSpec:
    """Return the :class:`FlowSpec` of the flow definition ``doc`` filling in ``form``.

    Args:
        doc: A flow definition.
        form: Its form definition (``None`` skips the checks that need it, as in ``validate``).
        version: The published version number to record in the spec (0 for a draft).
        published: ``doc`` is a stored published version: skip the checks that depend on
            the installation's current state (numbering series), which it passed when published.

    Raises:
        InvalidDefinition: ``validate(doc, form=form)`` found problems.
    """
    plain, digest = _valid(doc, form, "flow", published=published)
    document = plain.get("document")
    return FlowSpec(
        key=plain["key"],
        version=version,
        name=frozen_map(plain["name"]),
        form_key=plain["form"],
        nodes=frozen_map({n["id"]: _node(n) for n in plain["nodes"]}),
        edges=tuple(_edge(e) for e in plain["edges"]),
        document=_document(document) if document else None,
        content_hash=digest,
    )


def content_hash(plain: Any) -> str:
    """Return the SHA-256 hex digest of the canonical JSON of ``plain``."""
    return hashlib.sha256(canonical_bytes(plain)).hexdigest()


def _valid(
    doc: object, form: object | None, kind: str, *, published: bool = False
) -> tuple[dict[str, Any], str]:
    """Return the upgraded plain copy of valid ``doc`` and its content hash."""
    problems, plain, canonical = validated(doc, form, published=published)
    if problems:
        raise InvalidDefinition(problems)
    if plain.get("kind") != kind:
        raise InvalidDefinition([_kind_problem(kind)])
    digest = hashlib.sha256(canonical).hexdigest() if canonical else content_hash(plain)
    return plain, digest


def _kind_problem(kind: str) -> Problem:
    return problem("/kind", "schema.const", expected=kind)


def _field(field: dict[str, Any]) -> FieldSpec:
    return FieldSpec(
        name=field["name"],
        type=field["type"],
        label=frozen_map(field["label"]),
        required=field.get("required", False),
        options=tuple(frozen_map(option) for option in field.get("options", [])),
        columns=tuple(_field(column) for column in field.get("columns", [])),
        formula=field.get("formula"),
        result_type=field.get("result_type"),
        multiple=field.get("multiple", False),
        params=frozen_map({k: field[k] for k in _FIELD_PARAMS if k in field}),
    )


def _rule(rule: dict[str, Any]) -> Any:
    return frozen_map(
        {"when": rule["when"], "effect": rule["effect"], "fields": tuple(rule["fields"])}
    )


def _node(node: dict[str, Any]) -> NodeSpec:
    assignee = node.get("assignee")
    return NodeSpec(
        id=node["id"],
        type=NodeType(node["type"]),
        name=frozen_map(node.get("name")),
        assignee=_assignee(assignee) if assignee else None,
        on_empty=EmptyAssigneePolicy(node.get("on_empty", "error")),
        mode=ApprovalMode(node.get("mode", "single")),
        ratio=node.get("ratio"),
        deadline=_deadline(node["deadline"]) if "deadline" in node else None,
        actions=tuple(node.get("actions", ())),
        opinion_required=node.get("opinion_required", False),
        fields=frozen_map({k: FieldAccess(v) for k, v in node.get("fields", {}).items()}),
        skippable_when_urgent=node.get("skippable_when_urgent", False),
        auto_approve_repeat=node.get("auto_approve_repeat", False),
        claim=node.get("claim", False),
        return_targets=tuple(node.get("return_targets", ())),
        params=frozen_map(node.get("params")),
    )


def _assignee(assignee: dict[str, Any]) -> AssigneeSpec:
    return AssigneeSpec(
        rule=assignee["rule"], params=frozen_map({k: v for k, v in assignee.items() if k != "rule"})
    )


def _deadline(deadline: dict[str, Any]) -> DeadlineSpec:
    remind = deadline.get("remind_before")
    return DeadlineSpec(
        duration=parse_duration(deadline["duration"]),
        working_time=deadline.get("working_time", True),
        remind_before=parse_duration(remind) if remind else None,
        escalation=Escalation(deadline.get("escalation", "none")),
    )


def _edge(edge: dict[str, Any]) -> EdgeSpec:
    return EdgeSpec(
        source=edge["from"],
        target=edge["to"],
        condition=edge.get("when"),
        default=edge.get("default", False),
        order=edge.get("order", 0),
    )


def _document(document: dict[str, Any]) -> DocumentSettingsSpec:
    return DocumentSettingsSpec(
        kind=document["kind"],
        direction=document["direction"],
        organ_code=document["organ_code"],
        numbering_series=document.get("numbering_series"),
        template=document.get("template"),
        secrecy=document["secrecy"],
        urgency=document["urgency"],
        retention=document["retention"],
        archive_category=document["archive_category"],
        organs=tuple(
            (code, OrganSeriesSpec(organ["organ_code"], organ["numbering_series"]))
            for code, organ in document.get("organs", {}).items()
        ),
    )

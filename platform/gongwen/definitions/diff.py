"""What changed between two versions of a document type: nodes, edges, form fields, settings.

:func:`diff` takes two published versions, drafts, ``{"form": …, "flow": …}`` mappings or
``(form, flow)`` pairs, and returns a :class:`DefinitionDiff`. :func:`render` turns it into
lines for the changelog screen and the CLI, in Chinese or English.

Identity: nodes by ``id``, form fields by ``name``, edges by ``from → to`` (a second edge between
the same two nodes is ``from → to #2``). A changed item lists the names of its properties that
differ. Drafts may be invalid, so anything malformed is compared as well as it can be and never
raises.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

#: Top-level keys compared section by section, so not repeated under "other".
_FLOW_SECTIONS = frozenset({"nodes", "edges", "document"})
_FORM_SECTIONS = frozenset({"fields"})


@dataclass(frozen=True)
class ItemChange:
    """One item present on both sides whose ``properties`` differ."""

    id: str
    properties: tuple[str, ...]


@dataclass(frozen=True)
class SectionDiff:
    """Items added, removed and changed within one section (nodes, edges or fields)."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[ItemChange, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass(frozen=True)
class DefinitionDiff:
    """The structured difference between an old and a new form + flow pair."""

    nodes: SectionDiff = field(default_factory=SectionDiff)
    edges: SectionDiff = field(default_factory=SectionDiff)
    fields: SectionDiff = field(default_factory=SectionDiff)
    document: tuple[str, ...] = ()  # document settings keys that changed
    form_other: tuple[str, ...] = ()  # other top-level form keys (name, rules, ui_schema …)
    flow_other: tuple[str, ...] = ()  # other top-level flow keys (name, form, ui …)

    @property
    def is_empty(self) -> bool:
        """Return whether nothing changed at all."""
        return not (
            self.nodes
            or self.edges
            or self.fields
            or self.document
            or self.form_other
            or self.flow_other
        )

    def as_dict(self) -> dict[str, Any]:
        """Return the diff as plain JSON data (dicts, lists and strings)."""
        return json.loads(json.dumps(asdict(self), ensure_ascii=False))


def diff(old: Any, new: Any) -> DefinitionDiff:
    """Return what changed from ``old`` to ``new`` (versions, drafts, mappings or pairs)."""
    old_form, old_flow = _pair(old)
    new_form, new_flow = _pair(new)
    return DefinitionDiff(
        nodes=_section(_keyed(old_flow.get("nodes"), "id"), _keyed(new_flow.get("nodes"), "id")),
        edges=_section(_edges(old_flow.get("edges")), _edges(new_flow.get("edges"))),
        fields=_section(
            _keyed(old_form.get("fields"), "name"), _keyed(new_form.get("fields"), "name")
        ),
        document=_changed_keys(
            _mapping(old_flow.get("document")), _mapping(new_flow.get("document"))
        ),
        form_other=_changed_keys(old_form, new_form, skip=_FORM_SECTIONS),
        flow_other=_changed_keys(old_flow, new_flow, skip=_FLOW_SECTIONS),
    )


def _pair(value: Any) -> tuple[dict, dict]:
    """Return ``(form, flow)`` as dicts from any of the accepted inputs."""
    if hasattr(value, "form") and hasattr(value, "flow"):
        form, flow = value.form, value.flow
    elif isinstance(value, Mapping):
        form, flow = value.get("form"), value.get("flow")
    elif isinstance(value, tuple | list) and len(value) == 2:
        form, flow = value
    else:
        raise TypeError("diff() takes versions, drafts, {'form', 'flow'} mappings or pairs")
    return _mapping(form), _mapping(flow)


def _mapping(value: Any) -> dict:
    return dict(value) if isinstance(value, Mapping) else {}


def _keyed(items: Any, id_key: str) -> dict[str, Any]:
    """Return list items by their id (first one wins; items without a text id are ignored)."""
    keyed: dict[str, Any] = {}
    for item in items if isinstance(items, list) else ():
        ident = item.get(id_key) if isinstance(item, Mapping) else None
        if isinstance(ident, str) and ident not in keyed:
            keyed[ident] = item
    return keyed


def _edges(items: Any) -> dict[str, Any]:
    """Return edges by ``from → to`` (``#2``, ``#3`` … for repeats of the same pair)."""
    keyed: dict[str, Any] = {}
    for item in items if isinstance(items, list) else ():
        if not isinstance(item, Mapping):
            continue
        base = f"{item.get('from')} → {item.get('to')}"
        name, n = base, 1
        while name in keyed:
            n += 1
            name = f"{base} #{n}"
        keyed[name] = item
    return keyed


def _section(old: dict[str, Any], new: dict[str, Any]) -> SectionDiff:
    changed = []
    for ident in (i for i in new if i in old):
        props = _changed_keys(_mapping(old[ident]), _mapping(new[ident]))
        if props or (old[ident] != new[ident]):
            changed.append(ItemChange(ident, props))
    return SectionDiff(
        added=tuple(i for i in new if i not in old),
        removed=tuple(i for i in old if i not in new),
        changed=tuple(changed),
    )


def _changed_keys(old: dict, new: dict, *, skip: Iterable[str] = ()) -> tuple[str, ...]:
    skipped = set(skip)
    keys = (k for k in sorted(set(old) | set(new), key=str) if k not in skipped)
    return tuple(k for k in keys if k not in old or k not in new or old[k] != new[k])


def render(result: DefinitionDiff, language: str | None = None) -> list[str]:
    """Return the diff as human-readable lines in ``language`` (default: the active one)."""
    with translation.override(language or translation.get_language()):
        return _render_lines(result)


def _render_lines(result: DefinitionDiff) -> list[str]:
    if result.is_empty:
        return [_("No changes.")]
    lines: list[str] = []
    sections = (
        (result.nodes, _("Nodes added"), _("Nodes removed"), _("Node changed")),
        (result.edges, _("Edges added"), _("Edges removed"), _("Edge changed")),
        (result.fields, _("Form fields added"), _("Form fields removed"), _("Form field changed")),
    )
    for section, added, removed, changed in sections:
        lines += _listed(added, section.added) + _listed(removed, section.removed)
        lines += [f"{changed}: {c.id} ({_join(c.properties) or '…'})" for c in section.changed]
    lines += _listed(_("Document settings changed"), result.document)
    lines += _listed(_("Other form properties changed"), result.form_other)
    lines += _listed(_("Other flow properties changed"), result.flow_other)
    return lines


def _listed(label: str, items: tuple[str, ...]) -> list[str]:
    return [f"{label}: {_join(items)}"] if items else []


def _join(items: Iterable[str]) -> str:
    separator = "、" if (translation.get_language() or "").startswith("zh") else ", "
    return separator.join(items)

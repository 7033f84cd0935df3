"""Names the runtime admin shows: of document types, nodes and people's departments.

Lists get them as annotations of their one query (a subquery per column, no query per row);
node names come from the compiled flow, which :func:`load_spec` caches per version.
"""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import translation

from gongwen.definitions.models import DefinitionVersion, DocumentType
from gongwen.definitions.versions import load_spec
from gongwen.org.models import Position


def _english() -> bool:
    return (translation.get_language() or "").startswith("en")


def in_language(zh: str, en: str) -> str:
    """Return the English name when English is active and there is one, else the Chinese."""
    return en if _english() and en else zh


def node_name(definition_key: str, version: int, node_id: str) -> str:
    """Return the name of node ``node_id`` of a published version, or the id if it has none."""
    try:
        node = load_spec(definition_key, version).nodes.get(node_id)
    except DefinitionVersion.DoesNotExist:
        node = None
    if node is None:
        return node_id
    return in_language(node.name.get("zh-Hans", ""), node.name.get("en", "")) or node_id


def with_document_type(rows: QuerySet, key_field: str) -> QuerySet:
    """Annotate ``document_type_zh`` / ``_en``: the names of the type ``key_field`` names."""
    of_type = DocumentType.objects.filter(key=OuterRef(key_field))
    return rows.annotate(
        document_type_zh=Subquery(of_type.values("name_zh")[:1]),
        document_type_en=Subquery(of_type.values("name_en")[:1]),
    )


def with_department(rows: QuerySet, user_field: str) -> QuerySet:
    """Annotate ``department_name``: the department of the person's primary (else first) post."""
    posts = Position.objects.filter(user=OuterRef(user_field)).order_by("-is_primary", "rank", "id")
    return rows.annotate(department_name=Subquery(posts.values("department__name")[:1]))

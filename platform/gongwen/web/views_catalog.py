"""The node catalog as JSON, read-only, for the designer's palette (signed-in users only)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

from gongwen.definitions.catalog import catalog_json


@require_safe
@login_required
def node_catalog(request: HttpRequest) -> JsonResponse:
    """Return every node type: parameters schema, settings, designer metadata, engine class."""
    return JsonResponse(catalog_json(), json_dumps_params={"ensure_ascii": False})

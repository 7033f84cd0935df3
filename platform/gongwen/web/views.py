"""Page views. A view checks input shape, calls the domain, renders the result."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongwen.org.models import Position
from gongwen.web.summary import admin_sections, open_work


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Show the person's open work, the pages they can use today, and their posts."""
    positions = (
        Position.objects.filter(user=request.user)
        .select_related("department")
        .prefetch_related("roles")
        .order_by("-is_primary", "department__path")
    )
    context = {
        "positions": positions,
        "counts": open_work(request.user),
        "admin_sections": admin_sections(request),
    }
    return render(request, "web/home.html", context)

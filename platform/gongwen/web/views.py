"""Page views. A view checks input shape, calls the domain, renders the result."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongwen.org.models import Position


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Show who is logged in, their posts and departments."""
    positions = (
        Position.objects.filter(user=request.user)
        .select_related("department")
        .prefetch_related("roles")
        .order_by("-is_primary", "department__path")
    )
    return render(request, "web/home.html", {"positions": positions})

"""System check ``gongwen.E020``: every seal names a registered provider.

It reads the database, so it is a ``database`` check: ``manage.py check --database default``
and ``migrate`` run it. Signing with such a seal fails with ``UnknownSealProvider`` as well.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.checks import CheckMessage, Error, Tags, register
from django.db import DatabaseError

from gongwen.documents.seals.providers import provider_names


@register(Tags.database)
def check_seal_providers(
    app_configs: Any = None, databases: Sequence[str] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """Report seals whose provider is not registered."""
    from gongwen.documents.seals.models import Seal

    problems: list[CheckMessage] = []
    known = provider_names()
    for alias in databases or ():
        try:
            used = set(Seal.objects.using(alias).values_list("provider", flat=True))
        except DatabaseError:
            continue  # the table does not exist yet (before migrate)
        problems.extend(
            Error(
                f"Seals use the seal provider {name!r}, which is not registered.",
                hint=f"Install the plugin that provides it, or pick one of: "
                f"{', '.join(sorted(known))}.",
                obj=Seal,
                id="gongwen.E020",
            )
            for name in sorted(used - known)
        )
    return problems

"""System checks for broken configuration, with stable ids ``gongwen.E0xx`` / ``gongwen.W0xx``.

The ids are documented in docs/admin/checks.md; never renumber one.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from gongwen.conf import DEFAULTS, TYPES


@register(Tags.compatibility)
def check_gongwen_settings(app_configs: Any = None, **kwargs: Any) -> list:
    """Check the GONGWEN dict: a dict, known keys only, right types, sane sizes."""
    raw = getattr(settings, "GONGWEN", {})
    if not isinstance(raw, dict):
        return [Error("settings.GONGWEN must be a dict.", id="gongwen.E001")]
    problems: list = []
    for key, value in raw.items():
        if key not in DEFAULTS:
            problems.append(
                Error(
                    f"Unknown key {key!r} in settings.GONGWEN.",
                    hint=f"Known keys: {', '.join(sorted(DEFAULTS))}.",
                    id="gongwen.E002",
                )
            )
        elif not isinstance(value, TYPES[key]) or isinstance(value, bool):
            problems.append(
                Error(f"settings.GONGWEN[{key!r}] has the wrong type.", id="gongwen.E003")
            )
        elif isinstance(value, int) and value <= 0:
            problems.append(
                Error(f"settings.GONGWEN[{key!r}] must be positive.", id="gongwen.E004")
            )
    return problems


@register(Tags.models)
def check_core_settings(app_configs: Any = None, **kwargs: Any) -> list:
    """Check the Django settings Gongwen depends on."""
    problems: list = []
    if settings.AUTH_USER_MODEL != "org.User":
        problems.append(
            Error(
                "AUTH_USER_MODEL must be 'org.User' (custom user from migration 0001).",
                id="gongwen.E005",
            )
        )
    if settings.TIME_ZONE != "Asia/Shanghai" or not settings.USE_TZ:
        problems.append(
            Warning(
                "Gongwen expects TIME_ZONE='Asia/Shanghai' with USE_TZ=True; deadlines "
                "and 成文日期 are computed in that zone.",
                id="gongwen.W001",
            )
        )
    engine = settings.DATABASES.get("default", {}).get("ENGINE", "")
    if engine not in {"django.db.backends.sqlite3", "django.db.backends.postgresql"}:
        problems.append(
            Error(
                f"Unsupported database engine {engine!r}.",
                hint="Use SQLite (embedded) or PostgreSQL (DATABASE_URL=postgres://…).",
                id="gongwen.E006",
            )
        )
    if "default" not in getattr(settings, "TASKS", {}):
        problems.append(
            Error(
                "settings.TASKS has no 'default' backend; deadlines and "
                "notifications would never run.",
                id="gongwen.E007",
            )
        )
    return problems

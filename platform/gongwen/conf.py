"""The ``GONGWEN`` settings dict: defaults, validation and a cached reader.

Read settings as ``gongwen_settings.DEMO_PASSWORD``; never ``settings.GONGWEN[...]`` ad hoc.
The object re-reads Django's ``setting_changed`` signal so ``override_settings`` works in tests.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.signals import setting_changed

DEFAULTS: dict[str, Any] = {
    # Password given to demo users by ``manage.py load_demo`` (documented in the README).
    "DEMO_PASSWORD": "gongwen-demo",
    # Largest definition document accepted by the validator, in bytes.
    "DEFINITION_MAX_BYTES": 2 * 1024 * 1024,
    # Largest attachment accepted, in bytes.
    "UPLOAD_MAX_BYTES": 50 * 1024 * 1024,
    # Dotted paths of plugin modules to load besides those found through entry points.
    "PLUGINS": [],
    # Trust roots for seal signatures: a certificate file or a directory of them ("" means
    # <GONGWEN_VAR_DIR>/pki/roots, where ``manage.py create_test_ca`` writes its root).
    "SEAL_TRUST_ROOTS": "",
    # Working hours of a working day, for deadlines in working time ("HH:MM" pairs, in order).
    "WORKDAY_HOURS": [("09:00", "12:00"), ("13:30", "17:30")],
    # Time zone the working hours and holidays are in.
    "WORK_TIMEZONE": "Asia/Shanghai",
    # Seconds between two deadline sweeps of the background worker.
    "DEADLINE_SWEEP_SECONDS": 60,
}

TYPES: dict[str, type | tuple[type, ...]] = {
    "DEMO_PASSWORD": str,
    "DEFINITION_MAX_BYTES": int,
    "UPLOAD_MAX_BYTES": int,
    "PLUGINS": (list, tuple),
    "SEAL_TRUST_ROOTS": str,
    "WORKDAY_HOURS": (list, tuple),
    "WORK_TIMEZONE": str,
    "DEADLINE_SWEEP_SECONDS": int,
}


class GongwenSettings:
    """Attribute access to ``settings.GONGWEN`` merged over :data:`DEFAULTS`."""

    def __init__(self) -> None:
        self._cache: dict[str, Any] = {}

    @property
    def user_settings(self) -> dict[str, Any]:
        """Return the raw dict from Django settings (may be malformed; see checks)."""
        value = getattr(settings, "GONGWEN", {})
        return value if isinstance(value, dict) else {}

    def __getattr__(self, name: str) -> Any:
        if name not in DEFAULTS:
            raise AttributeError(f"Unknown Gongwen setting: {name!r}")
        if name not in self._cache:
            self._cache[name] = self.user_settings.get(name, DEFAULTS[name])
        return self._cache[name]

    def reload(self) -> None:
        """Forget cached values (called when ``settings.GONGWEN`` changes)."""
        self._cache.clear()


gongwen_settings = GongwenSettings()


def _reload(*, setting: str, **kwargs: Any) -> None:
    if setting == "GONGWEN":
        gongwen_settings.reload()


setting_changed.connect(_reload)

"""The roles every 公文 flow uses (DOMAIN.md "Who uses it").

Migration 0002 installs them and ``load_demo`` re-ensures them (a flushed test database has
lost migration data). More roles are added as data; these codes are what the shipped
definitions refer to, so they exist everywhere.
"""

from __future__ import annotations

from typing import Any

STANDARD_ROLES: list[tuple[str, str, str]] = [
    ("drafter", "拟稿人", "Drafter"),
    ("section_head", "科室负责人", "Section head"),
    ("office_reviewer", "办公室核稿", "Office reviewer"),
    ("leader_in_charge", "分管领导", "Deputy in charge"),
    ("signer", "签发人", "Signer"),
    ("principal", "主要领导", "Principal leader"),
    ("registrar", "文书", "Registrar"),
    ("archivist", "档案员", "Archivist"),
    ("handler", "承办人", "Handler"),
    ("sysadmin", "系统管理员", "System administrator"),
]


def ensure_standard_roles(role_model: Any) -> None:
    """Create missing standard roles; leave edited names of existing ones alone."""
    for code, name, name_en in STANDARD_ROLES:
        role_model.objects.get_or_create(code=code, defaults={"name": name, "name_en": name_en})

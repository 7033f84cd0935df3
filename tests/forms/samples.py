"""Complete, valid form data for the shipped forms, for tests that start their flows."""

from __future__ import annotations

from typing import Any

_SAMPLES: dict[str, dict[str, Any]] = {
    "notice": {
        "title": "关于做好冬季安全生产工作的通知",
        "main_recipients": "各乡镇人民政府，县政府各部门",
        "countersign": "no",
        "summary": "请各单位切实做好冬季安全生产工作。",
        "publicity": "public",
    },
    "request": {
        "title": "关于申请防汛物资的请示",
        "main_recipients": "county_gov",
        "request_items": "申请防汛物资一批。",
        "summary": "为做好防汛工作，申请物资。",
        "publicity": "not_public",
    },
    "runtime-resume": {"title": "测试"},
}


def sample(key: str, **fields: Any) -> dict[str, Any]:
    """Return valid form data of the shipped form ``key``, with ``fields`` set on top."""
    return {**_SAMPLES[key], **fields}

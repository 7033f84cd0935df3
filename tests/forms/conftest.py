"""Forms fixtures: the shipped 通知 form and a small form with every rule the forms layer has."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from gongwen.definitions import compile_form

REPO = Path(__file__).resolve().parents[2]

SMALL_FORM: dict[str, Any] = {
    "schema_version": 1,
    "kind": "form",
    "key": "small",
    "name": {"zh-Hans": "小表单", "en": "Small form"},
    "fields": [
        {"name": "title", "type": "text", "label": {"zh-Hans": "标题"}, "required": True,
         "max_length": 20},
        {"name": "qty", "type": "number", "label": {"zh-Hans": "数量"}, "integer": True,
         "minimum": 1},
        {"name": "category", "type": "select", "label": {"zh-Hans": "类别"},
         "options": [{"value": "a", "label": {"zh-Hans": "甲"}},
                     {"value": "b", "label": {"zh-Hans": "乙"}}]},
        {"name": "due", "type": "date", "label": {"zh-Hans": "截止日期"}},
        {"name": "items", "type": "table", "label": {"zh-Hans": "明细"},
         "columns": [{"name": "item", "type": "text", "label": {"zh-Hans": "项目"},
                      "required": True},
                     {"name": "cost", "type": "money", "label": {"zh-Hans": "费用"}}]},
        {"name": "total", "type": "computed", "label": {"zh-Hans": "合计"},
         "result_type": "number",
         "formula": {"reduce": [{"var": "form.items"},
                                {"+": [{"var": "accumulator"}, {"var": "current.cost"}]}, 0]}},
        {"name": "big", "type": "computed", "label": {"zh-Hans": "大额"},
         "result_type": "boolean", "formula": {">": [{"var": "form.total"}, 100]}},
        {"name": "note", "type": "long_text", "label": {"zh-Hans": "备注"}},
        {"name": "secret", "type": "text", "label": {"zh-Hans": "内部备注"}},
        {"name": "opinion", "type": "opinion", "label": {"zh-Hans": "意见"}},
    ],
    "rules": [
        {"when": {"==": [{"var": "form.category"}, "b"]}, "effect": "require",
         "fields": ["note"]},
    ],
}  # fmt: skip


@pytest.fixture(scope="session")
def small_form() -> Any:
    """Return the compiled small form (a draft compile: version 0)."""
    return compile_form(SMALL_FORM)


@pytest.fixture(scope="session")
def notice_form() -> Any:
    """Return the compiled shipped 通知 form."""
    return compile_form(json.loads((REPO / "forms" / "notice.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="session")
def notice_rights() -> dict[str, dict[str, str]]:
    """Return the field rights of every node of the shipped 通知 flow, by node id."""
    flow = json.loads((REPO / "flow_defs" / "notice.json").read_text(encoding="utf-8"))
    return {node["id"]: node.get("fields", {}) for node in flow["nodes"]}

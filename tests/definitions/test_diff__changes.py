"""``diff`` reports nodes, edges, form fields and settings added, removed and changed."""

from __future__ import annotations

import copy

import pytest

from gongwen.definitions.diff import DefinitionDiff, ItemChange, diff, render

FORM = {
    "schema_version": 1,
    "kind": "form",
    "key": "notice",
    "name": {"zh-Hans": "通知", "en": "Notice"},
    "fields": [
        {"name": "title", "type": "text", "label": {"zh-Hans": "标题", "en": "Title"}},
        {"name": "body", "type": "long_text", "label": {"zh-Hans": "正文", "en": "Body"}},
    ],
}
FLOW = {
    "schema_version": 1,
    "kind": "flow",
    "key": "notice",
    "name": {"zh-Hans": "通知", "en": "Notice"},
    "form": "notice",
    "document": {"kind": "通知", "secrecy": "内部", "urgency": "平件"},
    "nodes": [
        {"id": "draft", "type": "start"},
        {"id": "review", "type": "approve", "assignee": {"rule": "initiator"}},
        {"id": "end", "type": "end"},
    ],
    "edges": [{"from": "draft", "to": "review"}, {"from": "review", "to": "end"}],
    "ui": {"positions": {"draft": [0, 0]}},
}


def _pair() -> dict:
    return {"form": copy.deepcopy(FORM), "flow": copy.deepcopy(FLOW)}


def test_identical_definitions_have_an_empty_diff() -> None:
    result = diff(_pair(), _pair())
    assert result.is_empty
    assert result == DefinitionDiff()
    assert render(result, "en") == ["No changes."]


def test_added_removed_and_changed_nodes_name_the_changed_properties() -> None:
    new = _pair()
    nodes = new["flow"]["nodes"]
    nodes[1]["assignee"] = {"rule": "role", "role": "section_head"}
    nodes[1]["deadline"] = {"duration": "P1D"}
    nodes.insert(2, {"id": "sign", "type": "approve"})
    old = _pair()
    old["flow"]["nodes"].append({"id": "obsolete", "type": "cc"})
    result = diff(old, new)
    assert result.nodes.added == ("sign",)
    assert result.nodes.removed == ("obsolete",)
    assert result.nodes.changed == (ItemChange("review", ("assignee", "deadline")),)


def test_edges_are_compared_by_their_endpoints() -> None:
    new = _pair()
    new["flow"]["edges"] = [
        {"from": "draft", "to": "review", "order": 2},
        {"from": "review", "to": "sign"},
    ]
    result = diff(_pair(), new)
    assert result.edges.added == ("review → sign",)
    assert result.edges.removed == ("review → end",)
    assert result.edges.changed == (ItemChange("draft → review", ("order",)),)


def test_a_second_edge_between_the_same_nodes_is_numbered() -> None:
    new = _pair()
    new["flow"]["edges"].append({"from": "review", "to": "end", "default": True})
    assert diff(_pair(), new).edges.added == ("review → end #2",)


def test_form_fields_and_document_settings_changes() -> None:
    new = _pair()
    new["form"]["fields"][0]["max_length"] = 80
    new["form"]["fields"].append(
        {"name": "amount", "type": "money", "label": {"zh-Hans": "金额", "en": "Amount"}}
    )
    del new["form"]["fields"][1]
    new["flow"]["document"]["secrecy"] = "秘密"
    new["flow"]["document"]["retention"] = "D30"
    new["form"]["rules"] = []
    new["flow"]["ui"] = {"positions": {"draft": [10, 0]}}
    result = diff(_pair(), new)
    assert result.fields.added == ("amount",)
    assert result.fields.removed == ("body",)
    assert result.fields.changed == (ItemChange("title", ("max_length",)),)
    assert result.document == ("retention", "secrecy")
    assert result.form_other == ("rules",)
    assert result.flow_other == ("ui",)
    assert not result.nodes and not result.edges


def test_english_rendering_lists_every_change() -> None:
    new = _pair()
    new["flow"]["nodes"].insert(2, {"id": "sign", "type": "approve"})
    new["flow"]["edges"][1] = {"from": "review", "to": "sign"}
    new["flow"]["document"]["urgency"] = "特急"
    assert render(diff(_pair(), new), "en") == [
        "Nodes added: sign",
        "Edges added: review → sign",
        "Edges removed: review → end",
        "Document settings changed: urgency",
    ]


def test_chinese_rendering_joins_lists_with_the_chinese_comma() -> None:
    new = _pair()
    new["flow"]["document"] = {"kind": "请示", "secrecy": "秘密", "urgency": "平件"}
    (line,) = render(diff(_pair(), new), "zh-hans")
    assert line.endswith("kind、secrecy")


def test_as_dict_is_plain_data() -> None:
    new = _pair()
    new["flow"]["nodes"][1]["mode"] = "all"
    data = diff(_pair(), new).as_dict()
    assert data["nodes"]["changed"] == [{"id": "review", "properties": ["mode"]}]


@pytest.mark.parametrize(
    "junk",
    [
        {"form": None, "flow": "nonsense"},
        {"form": {"fields": "x"}, "flow": {"nodes": [1, None, {"id": 3}], "edges": [[]]}},
        {"form": {"fields": [{"name": ["x"]}]}, "flow": {"nodes": {}, "document": []}},
        ([], {}),
    ],
)
def test_malformed_drafts_are_compared_without_raising(junk) -> None:
    result = diff(junk, _pair())
    assert result.nodes.added == ("draft", "review", "end")
    assert isinstance(render(result, "en"), list)
    assert diff(junk, junk).is_empty


def test_unsupported_inputs_are_a_type_error() -> None:
    with pytest.raises(TypeError):
        diff("v1", _pair())

"""Definition keys and node ids become identifiers and come back unchanged."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gongwen.runtime.engine.naming import (
    decode,
    encode,
    flow_class_name,
    node_attr,
    node_id_from_attr,
    parse_flow_class_name,
)


@given(st.text(min_size=1, max_size=40), st.integers(min_value=1, max_value=10**6))
def test_any_key_and_version_round_trip_through_the_class_name(key, version) -> None:
    name = flow_class_name(key, version)
    assert name.isidentifier() and "." not in name and "/" not in name
    assert parse_flow_class_name(name) == (key, version)


@given(st.text(min_size=1, max_size=40))
def test_any_node_id_round_trips_through_the_attribute_name(node_id) -> None:
    attr = node_attr(node_id)
    assert attr.isidentifier()
    assert node_id_from_attr(attr) == node_id
    assert decode(encode(node_id)) == node_id


def test_typical_names_stay_readable() -> None:
    assert flow_class_name("notice", 3) == "Def_notice_v3"
    assert flow_class_name("leave-request", 1) == "Def_leave_2d_request_v1"
    assert node_attr("section_review") == "n_section_5f_review"
    assert parse_flow_class_name("Def_notice") is None

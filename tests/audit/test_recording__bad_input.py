"""Bad input to record(): a clear InvalidAuditEvent, and nothing written."""

from __future__ import annotations

import pytest

from gongwen.audit.exceptions import InvalidAuditEvent
from gongwen.audit.models import AuditChainHead, AuditEvent
from gongwen.audit.payloads import MAX_PAYLOAD_BYTES, MAX_PAYLOAD_DEPTH
from gongwen.audit.recording import record

pytestmark = pytest.mark.django_db


@pytest.fixture
def unchanged(alice):
    record("gongwen.task.approve", actor=alice)
    before = list(AuditEvent.objects.values_list("seq", "hash")), AuditChainHead.objects.get().seq
    yield
    after = list(AuditEvent.objects.values_list("seq", "hash")), AuditChainHead.objects.get().seq
    assert after == before


@pytest.mark.parametrize(
    "action",
    [
        "approve",
        "Gongwen.Task.Approve",
        "gongwen..approve",
        "gongwen.task.",
        ".x.y",
        "a.b-c",
        "gongwen.task approve",
        "gongwen.任务.approve",
        "a." + "b" * 100,
        None,
        3,
    ],
)
def test_malformed_action_names_are_refused(unchanged, alice, action) -> None:
    with pytest.raises(InvalidAuditEvent, match="action"):
        record(action, actor=alice)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"amount": 1.5}, "float"),
        ({"x": float("nan")}, "float"),
        ({"x": 2**53}, "2\\*\\*53"),
        ({"x": b"bytes"}, "bytes"),
        ({"x": {1, 2}}, "set"),
        ({1: "int key"}, "not a str"),
        ({"x": "nul\x00"}, "NUL"),
        ({"x": "\ud800"}, "Unicode"),
        (["not", "a", "dict"], "must be a dict"),
        ({"x": "字" * MAX_PAYLOAD_BYTES}, "limit"),
    ],
)
def test_payloads_that_would_not_read_back_exactly_are_refused(
    unchanged, alice, payload, message
) -> None:
    with pytest.raises(InvalidAuditEvent, match=message):
        record("gongwen.task.approve", actor=alice, payload=payload)


def test_deeply_nested_payloads_are_refused(unchanged, alice) -> None:
    payload: dict = {}
    node = payload
    for _ in range(MAX_PAYLOAD_DEPTH + 1):
        node["a"] = {}
        node = node["a"]
    with pytest.raises(InvalidAuditEvent, match="deeper"):
        record("gongwen.task.approve", actor=alice, payload=payload)


@pytest.mark.parametrize(
    "target",
    [
        ("Runtime.Task", 1),
        ("task", 1),
        ("runtime.task", ""),
        ("runtime.task", 1.5),
        ("runtime.task", True),
        ("runtime.task", "x" * 65),
        ("runtime.task",),
        "runtime.task:1",
        ("runtime.task", None),
    ],
)
def test_malformed_targets_are_refused(unchanged, alice, target) -> None:
    with pytest.raises(InvalidAuditEvent, match="target"):
        record("gongwen.task.approve", actor=alice, target=target)


def test_unsaved_instances_are_refused(unchanged, alice, django_user_model) -> None:
    ghost = django_user_model(username="ghost")
    with pytest.raises(InvalidAuditEvent, match="unsaved"):
        record("gongwen.task.approve", actor=alice, target=ghost)
    with pytest.raises(InvalidAuditEvent, match="actor"):
        record("gongwen.task.approve", actor=ghost)
    with pytest.raises(InvalidAuditEvent, match="on_behalf_of"):
        record("gongwen.task.approve", actor=alice, on_behalf_of=ghost)


def test_tuples_and_int_keys_are_not_silently_rewritten(unchanged, alice) -> None:
    with pytest.raises(InvalidAuditEvent):
        record("gongwen.task.approve", actor=alice, payload={2: "two"})

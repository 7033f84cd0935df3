"""Any payload record() accepts reads back from the database exactly and verifies."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongwen.audit.models import AuditEvent
from gongwen.audit.payloads import MAX_SAFE_INTEGER
from gongwen.audit.recording import record
from gongwen.audit.verification import verify_chain

text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=20
)
scalars = st.none() | st.booleans() | st.integers(-MAX_SAFE_INTEGER, MAX_SAFE_INTEGER) | text
payloads = st.dictionaries(
    text,
    st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4),
        max_leaves=12,
    ),
    max_size=5,
)


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(payload=payloads)
def test_accepted_payloads_read_back_exactly_and_verify(alice, payload) -> None:
    event = record("gongwen.test.payload", actor=alice, payload=payload)
    assert AuditEvent.objects.get(pk=event.pk).payload == payload
    assert verify_chain().intact

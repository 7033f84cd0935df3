"""The 公文 lifecycle moves forward one step at a time; a wrong transition changes nothing."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from gongwen.documents.lifecycle import DocumentLifecycle, DocumentState, LifecycleError

ORDER = ["submit", "sign", "number", "seal", "dispatch", "archive"]


def _at(state: str) -> tuple[SimpleNamespace, DocumentLifecycle]:
    document = SimpleNamespace(state=state)
    return document, DocumentLifecycle(document)


def test_the_whole_path_goes_draft_to_archived_in_order() -> None:
    document, lifecycle = _at(DocumentState.DRAFT)
    seen = []
    for step in ORDER:
        getattr(lifecycle, step)()
        seen.append(document.state)
    assert seen == ["reviewing", "signed", "numbered", "sealed", "dispatched", "archived"]


def test_signing_straight_from_draft_is_allowed_when_no_review_step_ran() -> None:
    document, lifecycle = _at(DocumentState.DRAFT)
    lifecycle.sign()
    assert document.state == DocumentState.SIGNED


@pytest.mark.parametrize(
    ("state", "step"),
    [
        ("draft", "number"),
        ("reviewing", "seal"),
        ("signed", "dispatch"),
        ("numbered", "number"),
        ("sealed", "archive"),
        ("dispatched", "sign"),
        ("archived", "submit"),
        ("archived", "archive"),
    ],
)
def test_a_step_out_of_order_is_refused_and_the_state_stays(state: str, step: str) -> None:
    document, lifecycle = _at(state)
    with pytest.raises(LifecycleError):
        getattr(lifecycle, step)()
    assert document.state == state


def test_can_proceed_says_what_is_possible_now() -> None:
    _, lifecycle = _at(DocumentState.SIGNED)
    assert lifecycle.number.can_proceed()
    assert not lifecycle.seal.can_proceed()

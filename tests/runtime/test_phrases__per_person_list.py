"""常用语: each person keeps an ordered list of their own phrases; bad input changes nothing."""

from __future__ import annotations

import pytest

from gongwen.runtime.actions import AddPhrase, RemovePhrase, ReorderPhrases
from gongwen.runtime.exceptions import InvalidInput, NotFound
from gongwen.runtime.models import CommonPhrase
from gongwen.runtime.phrases import MAX_PHRASES, phrases_of


def add_phrase(user, text):
    return AddPhrase(user, text).execute()


def remove_phrase(user, text):
    return RemovePhrase(user, text).execute()


def reorder_phrases(user, texts):
    return ReorderPhrases(user, texts).execute()


def _rows() -> list:
    return list(CommonPhrase.objects.order_by("pk").values())


def test_every_change_of_a_list_is_audited_with_its_owner(people) -> None:
    from gongwen.audit.models import AuditEvent

    add_phrase(people["yangfan"], "同意")
    add_phrase(people["yangfan"], "已阅")
    reorder_phrases(people["yangfan"], ["已阅", "同意"])
    remove_phrase(people["yangfan"], "同意")
    events = AuditEvent.objects.filter(action__startswith="gongwen.phrase.").order_by("seq")
    assert [(e.action, e.actor_id) for e in events] == [
        ("gongwen.phrase.add", people["yangfan"].pk),
        ("gongwen.phrase.add", people["yangfan"].pk),
        ("gongwen.phrase.reorder", people["yangfan"].pk),
        ("gongwen.phrase.remove", people["yangfan"].pk),
    ]


def test_phrases_are_listed_in_the_order_added_and_only_for_their_owner(people) -> None:
    add_phrase(people["yangfan"], "同意")
    add_phrase(people["yangfan"], " 请办公室核稿 ")
    add_phrase(people["wujing"], "已阅")
    assert phrases_of(people["yangfan"]) == ["同意", "请办公室核稿"]
    assert phrases_of(people["wujing"]) == ["已阅"]


def test_a_person_can_reorder_and_remove_their_phrases(people) -> None:
    for text in ("同意", "不同意", "请补充"):
        add_phrase(people["yangfan"], text)
    reorder_phrases(people["yangfan"], ["请补充", "同意", "不同意"])
    remove_phrase(people["yangfan"], "同意")
    assert phrases_of(people["yangfan"]) == ["请补充", "不同意"]
    add_phrase(people["yangfan"], "新")
    assert phrases_of(people["yangfan"])[-1] == "新"


@pytest.mark.parametrize("text", ["", "   ", "长" * 201, None, "同意"])
def test_empty_long_or_duplicate_phrases_are_refused(people, text) -> None:
    add_phrase(people["yangfan"], "同意")
    before = _rows()
    with pytest.raises(InvalidInput):
        add_phrase(people["yangfan"], text)
    assert _rows() == before


def test_a_full_list_refuses_another_phrase(people) -> None:
    for n in range(MAX_PHRASES):
        add_phrase(people["yangfan"], f"意见{n}")
    with pytest.raises(InvalidInput):
        add_phrase(people["yangfan"], "再一条")
    assert len(phrases_of(people["yangfan"])) == MAX_PHRASES


def test_someone_elses_phrase_cannot_be_removed_or_reordered(people) -> None:
    add_phrase(people["yangfan"], "同意")
    add_phrase(people["yangfan"], "不同意")
    before = _rows()
    with pytest.raises(NotFound):
        remove_phrase(people["wujing"], "同意")
    with pytest.raises(InvalidInput):
        reorder_phrases(people["wujing"], ["不同意", "同意"])
    with pytest.raises(InvalidInput):
        reorder_phrases(people["yangfan"], ["同意"])
    assert _rows() == before

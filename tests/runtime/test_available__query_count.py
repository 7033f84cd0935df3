"""available_actions costs the same number of queries however long the history is.

The shipped 通知 goes round 退回 → 修改后重新提交 several times; asked at 核稿 after one round
and after eight, for the holder (every check runs) and for an administrator, the number of
queries is the same and stays under a bound.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongwen.runtime.actions import Approve, ReturnTo
from gongwen.runtime.available import available_actions
from tests.runtime.helpers import open_at
from tests.runtime.test_available__both_directions import _approve_first, _notice
from tests.runtime.test_stories__shipped_definitions import _any_numbering_series, document_steps

__all__ = ["_any_numbering_series", "document_steps"]

#: Queries at 核稿, measured: on the process / on the task — holder 29 / 26, admin 17 / 7,
#: initiator 13 / 2.
BOUND = 40


def _rounds(people: dict, rounds: int):
    process = _notice(people, ("section_review",))
    for _ in range(rounds):
        task = open_at(process, "office_review")[0]
        ReturnTo(task, people[task.owner.username], target="draft", opinion="请修改").execute()
        resubmit = open_at(process, "@resubmit")[0]
        Approve(resubmit, people["huangmin"]).execute()
        _approve_first(process, people, "section_review")
    return process


def _count(subject, user) -> int:
    with CaptureQueriesContext(connection) as queries:
        available_actions(subject, user)
    return len(queries)


@pytest.mark.parametrize("who", ["holder", "admin", "initiator"])
def test_queries_do_not_grow_with_the_history(people, document_steps, who) -> None:
    counts = []
    for rounds in (1, 8):
        process = _rounds(people, rounds)
        task = open_at(process, "office_review")[0]
        user = {
            "holder": task.owner,
            "admin": people["admin"],
            "initiator": people["huangmin"],
        }[who]
        counts.append((_count(process, user), _count(task, user)))
    assert counts[0] == counts[1], counts
    assert max(counts[0]) <= BOUND, counts

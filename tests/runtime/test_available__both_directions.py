"""available_actions is never wrong in either direction, on the shipped 通知 and a 会签 flow.

At several positions of each flow, for the holder, the holder's delegate (委托), another
reviewer, the initiator, an administrator, an outsider and someone below the process's 密级:
every action listed runs with the parameters it lists (in a savepoint rolled back), and every
action of the candidates' sample it does not list is refused by ``check()``.
"""

from __future__ import annotations

import pytest

from gongwen.definitions.versions import latest, load_spec
from gongwen.runtime.actions import Approve, ReturnTo
from gongwen.runtime.models import Process
from gongwen.runtime.secrecy import set_secrecy
from tests.forms.samples import sample
from tests.runtime.available_checks import assert_both_directions
from tests.runtime.helpers import open_at, open_tasks, start
from tests.runtime.specs import chain, node
from tests.runtime.test_stories__shipped_definitions import (
    _any_numbering_series,
    _shipped,
    document_steps,
)

__all__ = ["_any_numbering_series", "document_steps"]

#: Who is asked: the holder comes from the position; the rest are fixed demo people.
OTHERS = ("liuyang", "linfeng", "huangmin", "admin", "zhengkai", "mahui")
#: Whom actions that take a person may name.
SAMPLE = ("wujing", "yangfan", "hetao", "linfeng", "chenming", "liuyang", "sunli", "mahui")


def _approve_first(process: Process, people: dict, node_id: str) -> None:
    task = open_at(process, node_id)[0]
    Approve(task, people[task.owner.username], opinion="同意").execute()


def _notice_spec():
    """Return the shipped 通知, published once per test."""
    found = latest("notice")
    return load_spec("notice", found.version) if found is not None else _shipped("notice")


def _notice(people: dict, until: tuple[str, ...] = ()) -> Process:
    process = start(
        _notice_spec(),
        people["huangmin"],
        title="关于做好冬季安全生产工作的通知",
        data=sample("notice"),
    )
    for node_id in until:
        _approve_first(process, people, node_id)
    return process


def _notice_returned(people: dict) -> Process:
    process = _notice(people, ("section_review",))
    task = open_at(process, "office_review")[0]
    ReturnTo(task, people[task.owner.username], target="draft", opinion="请修改").execute()
    return process


def _notice_secret(people: dict) -> Process:
    process = _notice(people, ("section_review",))
    set_secrecy(process, 2)  # 秘密: above 黄敏 (内部), the initiator, and 马慧
    return process


NOTICE_POSITIONS = {
    "section_review": lambda people: _notice(people),
    "office_review": lambda people: _notice(people, ("section_review",)),
    "sign": lambda people: _notice(people, ("section_review", "office_review")),
    "number": lambda people: _notice(people, ("section_review", "office_review", "sign")),
    "returned_to_draft": _notice_returned,
    "secret": _notice_secret,
    "finished": lambda people: _notice(
        people,
        ("section_review", "office_review", "sign", "number", "seal", "dispatch", "archive"),
    ),
}


def _askers(process: Process, people: dict) -> list:
    holders = {t.owner.username for t in open_tasks(process) if t.owner_id}
    return [people[u] for u in sorted(holders | set(OTHERS))]


@pytest.mark.parametrize("position", NOTICE_POSITIONS)
def test_notice_every_listed_action_runs_and_the_rest_is_refused(
    people, document_steps, position
) -> None:
    process = NOTICE_POSITIONS[position](people)
    sample_people = [people[u] for u in SAMPLE]
    listed = {}
    for user in _askers(process, people):
        listed[user.username] = {
            i.code for i in assert_both_directions(process, user, sample_people)
        }
    if position == "finished":
        assert not any(listed.values())
    else:
        # The demo's administrator (内部) may not act on a 秘密 process (test_clearance__acting).
        cleared = process.secrecy <= people["admin"].clearance
        assert ("jump" in listed["admin"]) == cleared
        assert not listed["zhengkai"], "an outsider may do nothing"


def _countersign() -> object:
    reviewers = {"rule": "role", "role": "office_reviewer", "within": "initiator_org"}
    return chain(
        "available-countersign",
        node("section", "approve", {"rule": "department_head", "of": "initiator"}),
        node("joint", "approve", reviewers, mode="all", return_targets=["*"]),
        node("sign", "approve", {"rule": "user", "username": "chenming"}, opinion_required=True),
    )


@pytest.mark.parametrize("voted", [0, 1])
def test_countersign_every_listed_action_runs_and_the_rest_is_refused(people, voted) -> None:
    process = start(_countersign(), people["huangmin"], title="会签")
    _approve_first(process, people, "section")
    for _ in range(voted):
        _approve_first(process, people, "joint")
    sample_people = [people[u] for u in SAMPLE]
    for user in _askers(process, people):
        items = assert_both_directions(process, user, sample_people)
        if any(t.owner_id == user.pk for t in open_at(process, "joint")):
            assert {"approve", "return_to", "add_signer"} <= {i.code for i in items}

"""待办 / 已办 / 待阅 / 我发起: right rows, delegation included, one query each at any size."""

from __future__ import annotations

import pytest

from gongwen.runtime import inbox
from gongwen.runtime.actions import Approve
from gongwen.runtime.trace import SYSTEM, trace_of
from tests.runtime.helpers import open_at, start
from tests.runtime.specs import chain, node


def _spec():
    return chain(
        "inbox",
        node("copy", "cc", {"rule": "user", "username": "hetao"}),
        node("sign", "approve", {"rule": "form_field", "field": "signer"}),
    )


def _run(people, count: int, signer: str = "wujing") -> list:
    return [start(_spec(), people["huangmin"], data={"signer": signer}) for _ in range(count)]


def test_todo_lists_own_tasks_and_those_held_through_delegation(people) -> None:
    own = _run(people, 2)
    # 陈明 delegates to 刘洋 in the demo county: their tasks go straight to 刘洋.
    delegated = _run(people, 1, signer="chenming")
    assert {t.process_id for t in inbox.todo(people["wujing"])} == {p.pk for p in own}
    assert {t.process_id for t in inbox.todo(people["liuyang"])} == {delegated[0].pk}


def test_done_to_read_and_started_by_list_the_right_rows(people) -> None:
    process = _run(people, 1)[0]
    task = open_at(process, "sign")[0]
    Approve(task, people["wujing"]).execute()
    assert [t.pk for t in inbox.done(people["wujing"])] == [task.pk]
    assert inbox.todo(people["wujing"]) == []
    assert [i.process_id for i in inbox.to_read(people["hetao"])] == [process.pk]
    assert [p.pk for p in inbox.started_by(people["huangmin"])] == [process.pk]


def test_keyset_paging_walks_the_list_without_repeats(people) -> None:
    processes = _run(people, 5)
    first = inbox.todo(people["wujing"], limit=2)
    cursor = (first[-1].created, first[-1].pk)
    rest = inbox.todo(people["wujing"], before=cursor, limit=10)
    seen = [t.process_id for t in first + rest]
    assert sorted(seen) == sorted(p.pk for p in processes)
    assert len(set(seen)) == 5


@pytest.mark.parametrize("size", [1, 6])
def test_each_inbox_list_is_one_query_whatever_its_size(
    people, size, django_assert_num_queries
) -> None:
    processes = _run(people, size)
    for process in processes:
        Approve(open_at(process, "sign")[0], people["wujing"]).execute()
    _run(people, size)
    user = people["wujing"]
    with django_assert_num_queries(1):
        rows = inbox.todo(user)
        [(t.process.title, t.owner.username, t.on_behalf_of) for t in rows]
    with django_assert_num_queries(1):
        [(t.process.title, t.owner.username) for t in inbox.done(user)]
    with django_assert_num_queries(1):
        [i.process.title for i in inbox.to_read(people["hetao"])]
    with django_assert_num_queries(1):
        inbox.started_by(people["huangmin"])


def test_trace_lists_every_step_in_order_and_where_the_process_stands(
    people, django_assert_num_queries
) -> None:
    spec = chain(
        "trace",
        node("section", "approve", {"rule": "department_head", "of": "initiator"}),
        node("sign", "approve", {"rule": "user", "username": "chenming"}),
    )
    process = start(spec, people["huangmin"])
    Approve(open_at(process, "section")[0], people["yangfan"], opinion="同意").execute()

    with django_assert_num_queries(2):
        trace = trace_of(process, SYSTEM)
        rows = [(r.action, r.node_id, r.actor, r.on_behalf_of, r.opinion) for r in trace.rows]
        current = [(p.node_id, p.assignee, p.on_behalf_of) for p in trace.current]
    assert rows == [
        ("gongwen.process.start", "start", people["huangmin"], None, ""),
        ("gongwen.task.approve", "section", people["yangfan"], None, "同意"),
    ]
    assert current == [("sign", people["liuyang"], people["chenming"])]

"""待办 case table: who sees which task, over pools, posts, roles, delegations, 特急 and 密级.

Each case is one task, written straight into the tables (the shapes the engine leaves behind:
an owned task, a 认领 pool task by role within a department subtree or by department and post
title, claimed, closed); the table says who finds it in their 待办. The answers were taken from
the 待办 query before it was driven from the person's keys (issue 13), so the new query gives
the same answers; the winning-delegate rows are the one deliberate change (a delegator's task
goes to the delegate that wins, like assignment: ``gongwen.org.queries.delegate_for``).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from gongwen.org.models import Delegation, Department, Role, User
from gongwen.runtime import inbox
from gongwen.runtime.models import Process, Task
from tests.runtime.helpers import open_at, start
from tests.runtime.specs import chain, node

REGISTRARS = {"hetao", "guoyan", "mahui", "zhulin", "zhengkai", "caoxue", "yuanhao", "gaojing"}
ZFB_REGISTRARS = {"hetao", "guoyan", "mahui"}

# label: (what the task is, who sees it in 待办)
# what: owner / pool (role, department code or None) / post (department code, title), and
# optionally status, secrecy, urgency, definition key.
CASES: dict[str, tuple[dict, set[str]]] = {
    # 认领 pools by role within a department subtree (None: anywhere)
    "role anywhere": ({"role": "registrar", "dept": None}, REGISTRARS),
    "role in the county": ({"role": "registrar", "dept": "qhx"}, REGISTRARS),
    "role in an organ": ({"role": "registrar", "dept": "zfb"}, ZFB_REGISTRARS),
    "role in the section": ({"role": "registrar", "dept": "zfb-wdk"}, ZFB_REGISTRARS),
    "role, nobody there": ({"role": "registrar", "dept": "zfb-msk"}, set()),
    "role below one's post": ({"role": "office_reviewer", "dept": "zfb-zhk"}, {"linfeng"}),
    "role of a second post": (
        {"role": "handler", "dept": "jyj"},
        {"fanglin", "yuanhao", "jiangtao"},
    ),
    "role of a part-time post": ({"role": "archivist", "dept": "zfb"}, {"yeqing"}),
    # 认领 pools by department and post title
    "post": ({"post": ("zfb-wdk", "文书")}, {"guoyan"}),
    "post, other title": ({"post": ("zfb-wdk", "科员")}, set()),
    "post, parent department": ({"post": ("zfb", "文书")}, set()),
    "post of a second post": ({"post": ("jyj-bgs", "联络员")}, {"fanglin"}),
    # claimed and closed pool tasks
    "pool claimed": ({"role": "registrar", "dept": "zfb", "owner": "guoyan"}, {"guoyan"}),
    "pool closed": ({"role": "registrar", "dept": "zfb", "status": "DONE"}, set()),
    "pool cancelled": ({"post": ("zfb-wdk", "文书"), "status": "CANCELED"}, set()),
    # 密级 and 特急
    "pool 秘密": ({"role": "registrar", "dept": "zfb", "secrecy": 2}, {"hetao", "guoyan"}),
    "post 机密": ({"post": ("zfb-wdk", "文书"), "secrecy": 3}, set()),
    "pool 特急": ({"role": "registrar", "dept": "zfb", "urgency": "特急"}, ZFB_REGISTRARS),
    "own": ({"owner": "wujing"}, {"wujing"}),
    "own 特急": ({"owner": "wujing", "urgency": "特急"}, {"wujing"}),
    "own done": ({"owner": "wujing", "status": "DONE"}, set()),
    "own 机密 above clearance": ({"owner": "wujing", "secrecy": 3}, set()),
    "own started": ({"owner": "wujing", "status": "STARTED"}, {"wujing"}),
    # delegations (陈明 → 刘洋 for all matters is in the demo county)
    "delegated, all matters": ({"owner": "chenming"}, {"chenming", "liuyang"}),
    "delegated 机密, delegate below": ({"owner": "chenming", "secrecy": 3}, {"chenming"}),
    "delegated, in scope": ({"owner": "xugang", "key": "fawen"}, {"xugang", "linfeng"}),
    "delegated, out of scope": ({"owner": "xugang", "key": "shouwen"}, {"xugang"}),
    "delegation over, future, revoked": ({"owner": "huangmin"}, {"huangmin"}),
    # the winning delegate: a scope-specific delegation wins over an all-matters one …
    "winner by scope": ({"owner": "zengyi", "key": "fawen"}, {"zengyi", "dengchao"}),
    "all matters outside that scope": ({"owner": "zengyi", "key": "shouwen"}, {"zengyi", "pengbo"}),
    # … unless its delegate is inactive; then the latest start wins
    "winner's delegate inactive": ({"owner": "zengyi", "key": "qingshi"}, {"zengyi", "pengbo"}),
    "winner by latest start": ({"owner": "xiehong"}, {"xiehong", "songjia"}),
}

#: Rows whose answer changed on purpose with the winning-delegate rule (before: every
#: delegate in effect saw the task).
WINNER_CHANGED = {"winner by scope", "winner by latest start"}


def _delegations(people) -> None:
    now, day = timezone.now(), timedelta(days=1)

    rows = []

    def give(delegator, delegate, *, scope="", starts=-day, ends=day, revoked=None) -> None:
        rows.append(
            Delegation(
                delegator=people[delegator] if isinstance(delegator, str) else delegator,
                delegate=people[delegate] if isinstance(delegate, str) else delegate,
                scope=scope,
                starts_at=now + starts,
                ends_at=now + ends,
                revoked_at=revoked,
            )
        )

    give("xugang", "linfeng", scope="fawen")
    give("huangmin", "yangfan", starts=-3 * day, ends=-day)  # over
    give("huangmin", "wujing", starts=day, ends=2 * day)  # not yet
    give("huangmin", "hetao", revoked=now - timedelta(minutes=1))  # revoked
    give("zengyi", "pengbo")
    give("zengyi", "dengchao", scope="fawen", starts=-timedelta(hours=1))
    gone = User.objects.create(username="gone", is_active=False, clearance=3)
    give("zengyi", gone, scope="qingshi")
    give("xiehong", "hanbing", starts=-2 * day)
    give("xiehong", "songjia", starts=-timedelta(hours=1))
    # Overlaps CreateDelegation refuses: rows made before that check, or written around it.
    # The rule still picks one winner.
    Delegation.objects.bulk_create(rows)


def _tasks(people) -> dict[int, str]:
    """Write one task per case; return ``{task id: label}``."""
    spec = chain("cases", node("sign", "approve", {"rule": "user", "username": "wujing"}))
    base_process = start(spec, people["huangmin"])
    (base,) = open_at(base_process, "sign")
    departments = {d.code: d for d in Department.objects.all()}
    roles = {r.code: r for r in Role.objects.all()}
    at = timezone.now() - timedelta(hours=2)
    labels = {}
    for n, (label, (what, _who)) in enumerate(CASES.items()):
        process = Process.objects.create(
            flow_class=base_process.flow_class,
            definition_key=what.get("key", "cases"),
            definition_version=1,
            title=label,
            initiator=people["huangmin"],
            urgency=what.get("urgency", ""),
            secrecy=what.get("secrecy", 0),
        )
        role_dept = what.get("dept")
        post_dept, title = what.get("post", (None, ""))
        (task,) = Task.objects.bulk_create(
            [
                Task(
                    process=process,
                    flow_task=base.flow_task,
                    flow_task_type=base.flow_task_type,
                    node_id="sign",
                    status=what.get("status", "ASSIGNED" if "owner" in what else "NEW"),
                    created=at + timedelta(seconds=n),  # each case its own place in the order
                    owner=people[what["owner"]] if "owner" in what else None,
                    pool_role=roles[what["role"]] if "role" in what else None,
                    pool_department=departments[role_dept or post_dept]
                    if (role_dept or post_dept)
                    else None,
                    pool_title=title,
                )
            ]
        )
        labels[task.pk] = label
    base.delete()
    base_process.delete()
    return labels


def _seen_by(people, labels: dict[int, str]) -> dict[str, set[str]]:
    seen: dict[str, set[str]] = {label: set() for label in CASES}
    for username, person in people.items():
        for task in inbox.todo(person, limit=1000):
            seen[labels[task.pk]].add(username)
    return seen


@pytest.fixture
def case_tasks(people) -> dict[int, str]:
    _delegations(people)
    return _tasks(people)


def _wrong(people, case_tasks, labels) -> dict:
    seen = _seen_by(people, case_tasks)
    return {
        label: (seen[label], CASES[label][1]) for label in labels if seen[label] != CASES[label][1]
    }


def test_every_case_is_seen_by_exactly_the_people_in_the_table(people, case_tasks) -> None:
    assert _wrong(people, case_tasks, set(CASES) - WINNER_CHANGED) == {}


def test_a_delegators_task_is_seen_by_the_winning_delegate_only(people, case_tasks) -> None:
    assert _wrong(people, case_tasks, WINNER_CHANGED) == {}


@pytest.mark.parametrize("username", ["guoyan", "hetao", "fanglin", "zengyi", "liuyang"])
def test_paging_walks_the_same_rows_newest_first(people, case_tasks, username) -> None:
    person = people[username]
    whole = inbox.todo(person, limit=1000)
    walked, cursor = [], None
    while page := inbox.todo(person, before=cursor, limit=2):
        walked += page
        cursor = (page[-1].created, page[-1].pk)
    assert [t.pk for t in walked] == [t.pk for t in whole]
    assert [(t.created, t.pk) for t in whole] == sorted(
        ((t.created, t.pk) for t in whole), reverse=True
    )

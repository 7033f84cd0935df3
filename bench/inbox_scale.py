"""Benchmark: the 待办 first page and a deep page at 10k, 100k and 1M tasks on PostgreSQL.

Run: ``.venv/bin/python bench/inbox_scale.py [--sizes 10000,100000,1000000] [--rounds 50]``
(``make bench`` runs it). Drops and creates the database named by ``--database-url`` (default
``BENCH_INBOX_DATABASE_URL`` or ``postgres://postgres@127.0.0.1:5432/gongwen_bench_inbox``),
migrates it and builds the organisation of issue 13: 10,000 people in 50 organs of 5 sections,
50 roles; a *heavy* person with 30 posts × 50 roles and 20 delegators, and an *ordinary* one
with one post and one role. Tasks are added with ``INSERT … SELECT generate_series`` up to each
size, in the issue's proportions (3% open, 0.5% unclaimed 认领 pool tasks, ten tasks per
process, one process in ten 秘密). At each size it times ``inbox.todo`` — the ORM function call
with its rows loaded — for both people: the first page and a page 1,000 rows deep (keyset
cursor), p50 and p95 over ``--rounds`` calls. Prints a table, merges it into
``bench/results/<date>.json`` and exits 1 if a target is missed at the largest size: heavy
p95 ≤ 15 ms, ordinary p95 ≤ 3 ms, and a deep page no dearer than 1.5× the first.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "platform"))
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongwen.settings")

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/gongwen_bench_inbox"
PEOPLE, ORGANS, SECTIONS, ROLES = 10_000, 50, 5, 50
HEAVY_POSTS, DELEGATORS = 30, 20
TARGET_MS = {"heavy": 15.0, "ordinary": 3.0}
DEEP_ROWS, DEEP_RATIO = 1000, 1.5
#: Ids below this are left to the one real process :func:`_flow_refs` starts.
ID_OFFSET = 1000


def _create_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # our own bench name
        conn.execute(f'CREATE DATABASE "{name}"')


def _build_organisation() -> dict[str, Any]:
    """Create departments, roles, people, posts and delegations; return the two people."""
    from datetime import timedelta

    from django.utils import timezone

    from gongwen.org.models import Delegation, Department, DepartmentKind, Position, Role, User

    root = Department.objects.create(name="县", code="county", kind=DepartmentKind.REGION)
    sections = []
    for o in range(ORGANS):
        organ = Department.objects.create(
            name=f"局{o}", code=f"o{o}", kind=DepartmentKind.ORGAN, parent=root
        )
        for s in range(SECTIONS):
            sections.append(
                Department.objects.create(
                    name=f"科{o}-{s}", code=f"o{o}-s{s}", kind=DepartmentKind.SECTION, parent=organ
                )
            )
    roles = Role.objects.bulk_create(
        [Role(code=f"bench-r{n}", name=f"角色{n}") for n in range(ROLES)]
    )
    users = User.objects.bulk_create(
        [
            User(username=f"u{n}", password="!", clearance=n % 4)  # noqa: S106 -- unusable
            for n in range(PEOPLE)
        ]
    )
    heavy, ordinary = users[0], users[1]
    User.objects.filter(pk__in=[heavy.pk, ordinary.pk]).update(clearance=2)
    posts = [
        Position(
            user=u, department=sections[n % len(sections)], title=f"岗{n % 7}", is_primary=True
        )
        for n, u in enumerate(users)
    ]
    posts += [
        Position(user=heavy, department=sections[(n * 7 + 3) % len(sections)], title=f"兼{n}")
        for n in range(HEAVY_POSTS - 1)
    ]
    posts = Position.objects.bulk_create(posts)
    through = Position.roles.through
    links = [
        through(position_id=p.pk, role_id=roles[n % (ROLES - 1)].pk)
        for n, p in enumerate(posts)
        if p.user_id != ordinary.pk
    ]
    links.append(through(position_id=posts[1].pk, role_id=roles[ROLES - 1].pk))  # ordinary
    heavy_posts = [p for p in posts if p.user_id == heavy.pk]
    held = {(p.pk, r.pk) for p in heavy_posts for r in roles}
    links = [x for x in links if (x.position_id, x.role_id) not in held]
    links += [through(position_id=p, role_id=r) for p, r in sorted(held)]
    through.objects.bulk_create(links)
    now = timezone.now()
    Delegation.objects.bulk_create(
        [
            Delegation(
                delegator=users[100 + n],
                delegate=heavy,
                starts_at=now - timedelta(days=1),
                ends_at=now + timedelta(days=30),
            )
            for n in range(DELEGATORS)
        ]
    )
    return {"heavy": heavy, "ordinary": ordinary, "sections": len(sections)}


def bench_spec(username: str) -> Any:
    """Return the one-step flow the bench's tasks belong to (start → sign by ``username``)."""
    from gongwen.definitions.specs import AssigneeSpec, EdgeSpec, FlowSpec, NodeSpec, NodeType
    from gongwen.definitions.specs import frozen_map as fm

    rule = AssigneeSpec(rule="user", params=fm({"username": username}))
    nodes = [
        NodeSpec(id="start", type=NodeType.START),
        NodeSpec(id="sign", type=NodeType.APPROVE, assignee=rule),
        NodeSpec(id="end", type=NodeType.END),
    ]
    edges = tuple(
        EdgeSpec(source=a, target=b, condition=None, default=False, order=n)
        for n, (a, b) in enumerate([("start", "sign"), ("sign", "end")])
    )
    return FlowSpec(
        key="bench",
        version=1,
        name=fm({"zh-Hans": "bench", "en": "bench"}),
        form_key="bench",
        nodes=fm({n.id: n for n in nodes}),
        edges=edges,
        document=None,
    )


def _flow_refs(heavy: Any) -> tuple[str, str]:
    """Return the flow and node references of a real one-step flow (rows must load as ours do)."""
    from django.db import connection

    from gongwen.runtime.actions import StartProcess
    from gongwen.runtime.models import Process, Task

    spec = bench_spec(heavy.username)
    result = StartProcess(spec, heavy).execute()
    with connection.cursor() as cursor:  # the stored strings, not the classes they load as
        cursor.execute(
            f"SELECT p.flow_class, t.flow_task FROM {Process._meta.db_table} p"  # noqa: S608
            f" JOIN {Task._meta.db_table} t ON t.process_id = p.id"
            " WHERE p.id = %s AND t.node_id = 'sign'",
            [result.process_id],
        )
        return cursor.fetchone()


#: Tasks ``%(first)s``..``%(last)s`` and their processes (one per ten tasks); every value is
#: derived from the task number, so each size extends the one before.
_PROCESSES = """
INSERT INTO runtime_process (id, status, created, flow_class, definition_key, definition_version,
    title, urgency, secrecy, data, chosen, outcome)
SELECT p + %(offset)s, 'NEW', %(base)s + make_interval(secs => p), %(flow)s, 'bench', 1,
    'bench ' || p,
    CASE WHEN p %% 20 = 0 THEN '特急' ELSE '' END, CASE WHEN p %% 10 = 0 THEN 2 ELSE 0 END,
    '{}', '{}', ''
FROM generate_series(%(first)s / 10 + 1, %(last)s / 10) AS p
"""
_TASKS = """
INSERT INTO runtime_task (id, flow_task_type, status, created, token, process_id, flow_task,
    node_id, data, outcome, pool_title, owner_id, pool_role_id, pool_department_id, finished)
SELECT t + %(offset)s, 'HUMAN', CASE WHEN t %% 33 = 0 OR t %% 200 = 0 THEN 'NEW' ELSE 'DONE' END,
    %(base)s + make_interval(secs => t / 10.0), 'start', (t - 1) / 10 + 1 + %(offset)s,
    %(node)s, 'sign',
    '{}', '', CASE WHEN t %% 200 = 0 AND t %% 400 <> 0 THEN '岗' || (t / 400 %% 7) ELSE '' END,
    CASE WHEN t %% 200 = 0 THEN NULL
         ELSE %(first_user)s + (t * 7919 %% %(people)s) END,
    CASE WHEN t %% 400 = 0 THEN %(first_role)s + (t / 400 %% %(roles)s) END,
    CASE WHEN t %% 200 <> 0 THEN NULL
         WHEN t %% 400 = 0 AND t %% 2400 = 0 THEN NULL
         WHEN t %% 400 = 0 AND t %% 1200 = 0 THEN %(first_dept)s + (t / 1200 %% %(organs)s)
         ELSE %(first_section)s + (t / 400 %% %(sections)s) END,
    CASE WHEN t %% 33 = 0 OR t %% 200 = 0 THEN NULL ELSE %(base)s + make_interval(secs => t) END
FROM generate_series(%(first)s::bigint + 1, %(last)s::bigint) AS t
"""


def _grow(first: int, last: int, refs: tuple[str, str]) -> float:
    """Add tasks ``first + 1`` .. ``last``; return the seconds it took (with ANALYZE)."""
    from datetime import UTC, datetime

    from django.db import connection

    from gongwen.org.models import Department, Role, User

    organs = Department.objects.filter(kind="organ").order_by("pk").values_list("pk", flat=True)
    sections = Department.objects.filter(kind="section").order_by("pk")
    values = {
        "base": datetime(2026, 1, 1, tzinfo=UTC),
        "flow": refs[0],
        "node": refs[1],
        "offset": ID_OFFSET,
        "first": first,
        "last": last,
        "people": PEOPLE,
        "roles": ROLES - 1,  # the last role is the ordinary person's alone: no pool uses it
        "first_user": User.objects.order_by("pk").values_list("pk", flat=True)[0],
        "first_role": Role.objects.filter(code="bench-r0").values_list("pk", flat=True)[0],
        "first_dept": organs[0],
        "organs": len(organs),
        "first_section": sections.values_list("pk", flat=True)[0],
        "sections": sections.count(),
    }
    began = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(_PROCESSES, values)
        cursor.execute(_TASKS, values)
        for table in ("runtime_process", "runtime_task"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {last + ID_OFFSET})"
            )
            cursor.execute(f"ANALYZE {table}")
    return time.perf_counter() - began


def _timed(call: Any, rounds: int) -> tuple[float, float, int]:
    """Return p50, p95 (ms) of ``call()`` over ``rounds`` after a warm-up, and its row count."""
    for _ in range(3):
        rows = call()
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        rows = call()
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return round(statistics.median(times), 2), round(p95, 2), len(rows)


def _deep_cursor(user: Any) -> Any:
    """Return the cursor ``DEEP_ROWS`` rows down ``user``'s 待办 (or its last row's)."""
    from gongwen.runtime import inbox

    cursor, walked = None, 0
    while walked < DEEP_ROWS:
        page = inbox.todo(user, before=cursor, limit=inbox.DEFAULT_PAGE)
        if len(page) < inbox.DEFAULT_PAGE:
            break
        walked += len(page)
        cursor = (page[-1].created, page[-1].pk)
    return cursor


def _measure(people: dict[str, Any], rounds: int) -> dict[str, Any]:
    from gongwen.runtime import inbox

    found = {}
    for who in ("heavy", "ordinary"):
        user = people[who]
        deep = _deep_cursor(user)
        first = _timed(lambda user=user: inbox.todo(user), rounds)
        deeper = _timed(lambda user=user, deep=deep: inbox.todo(user, before=deep), rounds)
        found[who] = {
            "first_p50": first[0],
            "first_p95": first[1],
            "first_rows": first[2],
            "deep_p50": deeper[0],
            "deep_p95": deeper[1],
            "deep_rows": deeper[2],
            "load": _load(),
        }
    return found


def _load() -> float:
    from bench._results import load_average

    return load_average()


def _missed(size: int, figures: dict[str, Any]) -> list[str]:
    missed = []
    for who, target in TARGET_MS.items():
        f = figures[who]
        if f["first_p95"] > target:
            missed.append(f"{who} first page p95 {f['first_p95']} ms > {target} ms at {size:,}")
        if f["deep_p95"] > target:
            missed.append(f"{who} deep page p95 {f['deep_p95']} ms > {target} ms at {size:,}")
        if f["deep_p50"] > DEEP_RATIO * max(f["first_p50"], 0.5):
            missed.append(f"{who} deep page p50 {f['deep_p50']} ms > {DEEP_RATIO}× the first's")
    return missed


def main() -> int:
    """Build, measure, print, record; return 1 if a target is missed at the largest size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_INBOX_DATABASE_URL", DEFAULT_URL)
    )
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    os.environ["DATABASE_URL"] = args.database_url
    _create_database(args.database_url)

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    people = _build_organisation()
    refs = _flow_refs(people["heavy"])
    print(f"organisation: {PEOPLE:,} people, {time.perf_counter() - began:.1f} s", flush=True)

    results, built = {}, 0
    for size in sizes:
        seconds = _grow(built, size, refs)
        built = size
        figures = _measure(people, args.rounds)
        figures["build_s"] = round(seconds, 1)
        results[size] = figures
        print(f"{size:>9,} tasks built (+{seconds:.1f} s)", flush=True)

    print()
    print("| tasks | person | first p50 | first p95 | deep p50 | deep p95 | rows | load |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size, figures in results.items():
        for who in ("heavy", "ordinary"):
            f = figures[who]
            print(
                f"| {size:,} | {who} | {f['first_p50']} | {f['first_p95']} | {f['deep_p50']} "
                f"| {f['deep_p95']} | {f['first_rows']} | {f['load']} |"
            )
    largest = sizes[-1]
    missed = _missed(largest, results[largest])
    print(f"targets at {largest:,} tasks: heavy p95 ≤ 15 ms, ordinary p95 ≤ 3 ms, deep ≈ first")
    print("\n".join(f"MISSED: {m}" for m in missed) or "every target met")

    from bench._results import record

    path = record(
        "inbox_scale",
        {
            "sizes": {str(k): v for k, v in results.items()},
            "targets_ms": TARGET_MS,
            "missed": missed,
            "cpus": os.cpu_count(),
        },
    )
    print(f"written to {path}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

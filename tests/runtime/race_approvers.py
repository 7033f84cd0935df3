"""Race N threads approving one task of a fresh SQLite *file* database; print the outcomes.

Run by ``test_concurrency__task_completed_once.py`` (threads cannot share SQLite's in-memory
test database): ``python race_approvers.py RACERS`` with ``GONGWEN_VAR_DIR`` pointing at an
empty directory, so the project's real SQLite settings (WAL, ``BEGIN IMMEDIATE``, busy
timeout) apply. Prints JSON: the outcomes and the counts that must be 1.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO / "platform"), str(REPO)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongwen.settings")


def main(racers: int) -> dict:
    """Migrate, load the demo county, start a flow, and let ``racers`` threads approve."""
    import django
    from django.core.management import call_command
    from django.db import connections

    django.setup()
    call_command("migrate", verbosity=0, skip_checks=True)
    from gongwen.org.demo import load_demo
    from gongwen.org.models import User
    from gongwen.runtime.actions import Approve, StartProcess
    from gongwen.runtime.exceptions import Conflict
    from gongwen.runtime.models import Task, TraceEntry
    from tests.runtime.specs import chain, node

    load_demo()
    spec = chain(
        "race-sqlite",
        node("sign", "approve", {"rule": "user", "username": "wujing"}),
        node("next", "approve", {"rule": "user", "username": "hetao"}),
    )
    started = StartProcess(spec, User.objects.get(username="huangmin")).execute()
    (task_id,) = started.opened_task_ids
    actor = User.objects.get(username="wujing")
    barrier = threading.Barrier(racers)
    outcomes: list[str] = []

    def race() -> None:
        try:
            barrier.wait(timeout=30)
            Approve(task_id, actor).execute()
            outcomes.append("ok")
        except Conflict:
            outcomes.append("conflict")
        except Exception as exc:  # reported to the test through stdout
            outcomes.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=race) for _ in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    process_id = started.process_id
    return {
        "outcomes": sorted(outcomes),
        "next_tasks": Task.objects.filter(process_id=process_id, node_id="next").count(),
        "approvals": TraceEntry.objects.filter(
            process_id=process_id, action="gongwen.task.approve"
        ).count(),
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]))))

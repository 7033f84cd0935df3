"""Two worker processes sweeping one SQLite *file* database fire every deadline once.

Threads cannot share SQLite's in-memory test database, so a child process migrates a fresh
file database (the project's real SQLite settings: WAL, ``BEGIN IMMEDIATE``, busy timeout),
makes the deadlines due, then runs two ``manage.py fire_deadlines`` processes at once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

REPO = Path(__file__).resolve().parents[2]
DEADLINES = 40

SETUP = """
import json, os, sys
from pathlib import Path
sys.path[:0] = [os.path.join(sys.argv[1], "platform"), sys.argv[1]]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongwen.settings")
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0, skip_checks=True)
from gongwen.definitions.registries import numbering_series_lookup
from gongwen.definitions.versions import load_spec, publish_documents
from gongwen.org.demo import load_demo
from gongwen.org.models import User
from tests.runtime.deadline_helpers import make_due
from tests.forms.samples import sample
from tests.runtime.helpers import start
load_demo()
repo = Path(sys.argv[1])
form = json.loads((repo / "forms" / "request.json").read_text(encoding="utf-8"))
flow = json.loads((repo / "flow_defs" / "request.json").read_text(encoding="utf-8"))
with numbering_series_lookup(lambda series: True):
    version = publish_documents("request", form, flow, by=None)
spec = load_spec("request", version.version)
huangmin = User.objects.get(username="huangmin")
for n in range(int(sys.argv[2])):
    start(spec, huangmin, title=f"请示 {n}", urgency="特急", data=sample("request", amount=800000))
make_due(remind=True, expire=True)
"""

COUNT = """
import json, os, sys
sys.path[:0] = [os.path.join(sys.argv[1], "platform"), sys.argv[1]]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongwen.settings")
import django
django.setup()
from collections import Counter
from gongwen.notifications.models import Notification
from gongwen.runtime.models import TraceEntry
expired = Counter(
    TraceEntry.objects.filter(action="gongwen.deadline.expire").values_list("task_id", flat=True)
)
notes = Counter(
    Notification.objects.filter(kind="deadline.expired").values_list("task_id", flat=True)
)
print(json.dumps({"tasks": len(expired), "max_traced": max(expired.values()),
                  "max_notified": max(notes.values()), "notified": len(notes)}))
"""


def _python(code: str, env: dict, *args: str) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - our own code, fixed arguments
        [sys.executable, "-c", code, str(REPO), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _manage(env: dict) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - our own command, fixed arguments
        [sys.executable, str(REPO / "manage.py"), "fire_deadlines"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )


def test_two_worker_processes_on_a_sqlite_file_fire_each_deadline_once(tmp_path) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-only; the PostgreSQL race is in test_deadlines__exactly_once.py")
    env = {**os.environ, "GONGWEN_VAR_DIR": str(tmp_path), "GONGWEN_SECRET_KEY": "race-test"}
    env.pop("DATABASE_URL", None)
    setup = _python(SETUP, env, str(DEADLINES))
    assert setup.wait(timeout=300) == 0, setup.stderr.read()

    workers = [_manage(env) for _ in range(2)]
    outputs = [w.communicate(timeout=300) for w in workers]
    reports = [out for out, _ in outputs]  # "deadlines: escalated N, skipped M"
    assert [w.returncode for w in workers] == [0, 0], reports
    fired = sum(
        int(out.split("escalated ")[1].split(",")[0]) for out, _ in outputs if "escalated" in out
    )
    assert fired == DEADLINES, reports

    count = _python(COUNT, env)
    out, err = count.communicate(timeout=120)
    assert count.returncode == 0, err
    assert json.loads(out.strip().splitlines()[-1]) == {
        "tasks": DEADLINES,
        "max_traced": 1,
        "max_notified": 1,
        "notified": DEADLINES,
    }

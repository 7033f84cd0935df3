"""Race N threads appending to the audit chain of a fresh SQLite *file* database.

Run as a script by ``test_concurrency__no_fork.py`` (SQLite's in-memory test database cannot
be shared by threads): ``python race_writers.py WRITERS EVENTS_EACH``, with ``GONGWEN_VAR_DIR``
pointing at an empty directory so the project's real SQLite settings (WAL, ``BEGIN
IMMEDIATE``, busy timeout) apply. Prints the errors, if any, as JSON.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "platform"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongwen.settings")


def main(writers: int, events_each: int) -> list[str]:
    """Migrate, then let ``writers`` threads each record ``events_each`` events at once."""
    import django
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connections

    django.setup()
    call_command("migrate", verbosity=0, skip_checks=True)
    from gongwen.audit.recording import record

    people = [get_user_model().objects.create_user(f"writer{i}") for i in range(writers)]
    barrier = threading.Barrier(writers)
    errors: list[str] = []

    def write(person) -> None:
        try:
            barrier.wait(timeout=30)
            for n in range(events_each):
                record("gongwen.test.race", actor=person, target=("test.thing", n))
        except Exception as exc:  # reported to the test through stdout
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]), int(sys.argv[2]))))

"""``manage.py serve``: the web server and the background worker together; Ctrl-C stops both.

What ``make run`` serves with: Django's development server (``runserver``, threaded, static
files through WhiteNoise) in this process, and ``db_worker`` (notifications, deadlines, service
steps) as a child in its own process group, so the terminal's Ctrl-C reaches only this process,
which then asks the worker to finish its current task and waits for it. Both exit, and the
command returns 0. The system checks run once, here; the worker skips them.

For production run a WSGI server (gunicorn, uWSGI) and ``manage.py db_worker`` under a
supervisor instead (docs/admin/configuration.md).
"""

from __future__ import annotations

import ctypes
import signal
import socket
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

#: How long the worker may take to finish its current task after being asked to stop.
WORKER_GRACE_SECONDS = 20


class Command(BaseCommand):
    help = "Serve the platform with the development server and run the background worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--no-worker", action="store_true", help="Serve pages only, no background worker."
        )

    def handle(self, *args: Any, host: str, port: int, no_worker: bool, **options: Any) -> None:
        signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops both, like Ctrl-C
        _require_free(host, port)  # runserver exits at once on a taken port, leaving no time
        worker = None if no_worker else _start_worker()
        self.stdout.write(f"Gongwen on http://{host}:{port}/  (demo logins: README.md)")
        try:
            call_command("runserver", f"{host}:{port}", use_reloader=False, skip_checks=True)
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            if worker is not None:
                _stop_worker(worker)
        self.stdout.write("Gongwen stopped.")


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _require_free(host: str, port: int) -> None:
    """Refuse to start when ``host:port`` is taken (before a worker exists to be orphaned)."""
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as error:
        raise CommandError(f"{host}:{port} is not available: {error.strerror}") from None


def _start_worker() -> subprocess.Popen:
    manage = settings.REPO_DIR / "manage.py"
    return subprocess.Popen(  # noqa: S603 (our own interpreter and manage.py, no user input)
        [sys.executable, str(manage), "db_worker", "--no-reload", "--skip-checks"],
        start_new_session=True,  # the terminal's Ctrl-C goes to us; we stop the worker
        preexec_fn=_die_with_parent if sys.platform == "linux" else None,
    )


def _die_with_parent() -> None:
    """In the worker (Linux): get SIGTERM when ``serve`` dies, even by ``os._exit`` or a kill."""
    pr_set_pdeathsig = 1
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _stop_worker(worker: subprocess.Popen) -> None:
    if worker.poll() is not None:
        return
    worker.send_signal(signal.SIGTERM)  # the worker finishes its current task, then exits
    try:
        worker.wait(WORKER_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()

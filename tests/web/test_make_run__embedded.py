"""``make run``'s own steps on a fresh SQLite database: quiet log, mail as one line, clean stop.

Runs what the Makefile runs (``manage.py prepare --demo`` then ``manage.py serve``) as real
processes against a fresh ``GONGWEN_VAR_DIR``, starts a 通知 through the kernel in a third
process, waits for the worker to deliver its notification to the embedded mail backend, then
presses Ctrl-C (SIGINT) and expects both processes gone with exit status 0.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MANAGE = str(REPO / "manage.py")

START_A_NOTICE = """
from gongwen.definitions.versions import latest, load_spec
from gongwen.org.models import User
from gongwen.runtime.actions import StartProcess
version = latest("notice")
spec = load_spec("notice", version.version)
data = {"title": "关于开展安全检查的通知", "main_recipients": "各乡镇人民政府", "countersign": "no",
        "summary": "请开展安全检查。", "publicity": "public"}
StartProcess(spec, User.objects.get(username="huangmin"), title=data["title"], data=data).execute()
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (our localhost)
            return response.status == 200
    except OSError:
        return False


@pytest.fixture
def embedded_env(tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "GONGWEN_"))}
    env.update(GONGWEN_VAR_DIR=str(tmp_path / "var"), PYTHONUNBUFFERED="1")
    return env


def test_make_run_steps_log_no_traceback_and_mail_one_line(embedded_env, tmp_path) -> None:
    prepare = subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, MANAGE, "prepare", "--demo"],
        env=embedded_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert prepare.returncode == 0, prepare.stdout + prepare.stderr
    assert "Traceback" not in prepare.stdout + prepare.stderr
    assert "migrate:" in prepare.stdout and "shipped document types:" in prepare.stdout

    port = _free_port()
    log_path = tmp_path / "serve.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(  # noqa: S603 (our own manage.py)
            [sys.executable, MANAGE, "serve", "--port", str(port)],
            env=embedded_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until(lambda: _answers(f"http://127.0.0.1:{port}/login/"), 60, "the server")
        assert _answers(f"http://127.0.0.1:{port}/favicon.ico")
        started = subprocess.run(  # noqa: S603 (our own manage.py)
            [sys.executable, MANAGE, "shell", "-c", START_A_NOTICE],
            env=embedded_env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert started.returncode == 0, started.stderr
        _wait_until(lambda: "mail to " in log_path.read_text(), 60, "the worker's mail line")
    finally:
        server.send_signal(signal.SIGINT)  # what Ctrl-C in the terminal sends
        status = server.wait(60)
    log_text = log_path.read_text()
    assert status == 0, log_text
    assert "Traceback" not in log_text
    assert log_text.count("gongwen.W010") <= 1  # said once at start, or not at all
    mail_lines = [line for line in log_text.splitlines() if line.startswith("mail to ")]
    assert mail_lines and all("@qinghe.gov.example" in line for line in mail_lines)
    assert "Gongwen stopped." in log_text


def _workers_of(var_dir: str) -> list[int]:
    """Return the pids of ``db_worker`` processes started with ``GONGWEN_VAR_DIR=var_dir``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if b"db_worker" in cmdline and f"GONGWEN_VAR_DIR={var_dir}".encode() in environ:
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux /proc")
def test_the_worker_never_outlives_serve(embedded_env) -> None:
    subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, MANAGE, "prepare", "--no-static"], env=embedded_env, check=True
    )
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 (our own manage.py)
        [sys.executable, MANAGE, "serve", "--port", str(port)],
        env=embedded_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    var_dir = embedded_env["GONGWEN_VAR_DIR"]
    try:
        _wait_until(lambda: bool(_workers_of(var_dir)), 60, "the worker")
    finally:
        server.kill()  # no chance to clean up: the worker must go by itself
        server.wait(10)
    _wait_until(lambda: not _workers_of(var_dir), 30, "the orphaned worker to stop")


def test_a_taken_port_is_refused_before_a_worker_starts(embedded_env) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(  # noqa: S603 (our own manage.py)
            [sys.executable, MANAGE, "serve", "--port", str(port)],
            env=embedded_env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode != 0
    assert "is not available" in result.stderr and "Traceback" not in result.stderr
    assert not _workers_of(embedded_env["GONGWEN_VAR_DIR"])

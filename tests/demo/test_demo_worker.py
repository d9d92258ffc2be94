"""`thidua demo` runs `thidua worker` beside its web server and starts it again when it dies.

The real command runs as its own process on a real SQLite file (with one unit, so nothing is
seeded); the test kills the worker as an out-of-memory killer or a crash would."""

import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

REPO = Path(__file__).resolve().parents[2]
STARTED = re.compile(r"Tiến trình nền .*đã chạy, mã tiến trình (\d+)")

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="the demo runs on its SQLite file")


def _run(env, *args):
    done = subprocess.run([sys.executable, "-m", "thidua", *args], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except FileNotFoundError:
        return False
    return state != "Z"


def _cmdline(pid: int) -> str:
    # A process just started may not have its arguments in place yet: ask again briefly.
    for _ in range(50):
        if line := Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode():
            return line
        time.sleep(0.1)
    return ""


def _lines(process: subprocess.Popen) -> "queue.Queue[str]":
    lines: queue.Queue[str] = queue.Queue()

    def read():
        for line in process.stdout:
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    return lines


def _next_worker(lines, seen: list[str], seconds: float = 120) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        seen.append(line)
        if match := STARTED.search(line):
            return int(match.group(1))
    raise AssertionError("no worker started:\n" + "".join(seen))


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory) -> Path:
    """A migrated SQLite file holding one unit, so `thidua demo` seeds nothing."""
    db = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    env = _env(db, db.parent)
    _run(env, "migrate", "--verbosity", "0")
    _run(env, "shell", "-c", "from tests.conftest import make_unit; make_unit(None, 'T', 'UBND tỉnh Thử Nghiệm', "
                             "kind='ubnd_tinh', level='tinh')")
    return db


def _env(db: Path, folder: Path) -> dict:
    return {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "PYTHONUNBUFFERED": "1",
            "MEDIA_ROOT": str(folder / "media"), "PYTHONPATH": str(REPO)}


def _demo(demo_database: Path, tmp_path: Path) -> subprocess.Popen:
    db = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_database, db)
    return subprocess.Popen([sys.executable, "-m", "thidua", "demo", "--addr", f"127.0.0.1:{_free_port()}"], cwd=REPO,
                            env=_env(db, tmp_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _gone(pid: int, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    return not _alive(pid)


def test_the_demo_starts_its_worker_again_after_it_is_killed(demo_database, tmp_path):
    demo = _demo(demo_database, tmp_path)
    lines, seen = _lines(demo), []
    try:
        first = _next_worker(lines, seen)
        assert "thidua worker" in _cmdline(first), "".join(seen)

        os.kill(first, signal.SIGKILL)
        second = _next_worker(lines, seen)

        assert second != first and _alive(second) and "thidua worker" in _cmdline(second)
        assert any("Tiến trình nền đã dừng (mã thoát -9)" in line for line in seen)
    finally:
        demo.send_signal(signal.SIGTERM)
        demo.wait(timeout=60)
    assert _gone(second), "the worker outlived the demo"


def test_stopping_the_demo_as_its_worker_starts_stops_the_worker(demo_database, tmp_path):
    demo = _demo(demo_database, tmp_path)
    worker = _next_worker(_lines(demo), [])
    demo.send_signal(signal.SIGTERM)
    demo.wait(timeout=60)
    assert _gone(worker), "the worker outlived the demo"

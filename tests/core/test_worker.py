"""`thidua worker` keeps running tasks through a database locked past its busy timeout
(SQLite) or a connection the server cut (PostgreSQL), where `db_worker` exited for good.

The worker runs as its own process, as in production, against a real database file (or the
test database on PostgreSQL), and runs a real task enqueued after the trouble."""

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.core.worker_tasks import leave_note

REPO = Path(__file__).resolve().parents[2]
BUSY_TIMEOUT = 1  # seconds; the lock below holds four times as long


def _env(database_url: str, **extra) -> dict:
    return {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(REPO), **extra}


def _thidua(env, *args) -> str:
    done = subprocess.run([sys.executable, "-m", "thidua", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _start_worker(env) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "thidua", "worker", "--interval", "0.2", "--no-startup-delay"],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _stop(worker: subprocess.Popen) -> str:
    if worker.poll() is None:
        worker.terminate()
    return worker.communicate(timeout=30)[0]


def _wait_for(path: Path, worker: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert worker.poll() is None, f"the worker exited:\n{_stop(worker)}"
        assert time.monotonic() < deadline, f"the task did not run:\n{_stop(worker)}"
        time.sleep(0.2)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite variant; PostgreSQL has its own below")
def test_the_worker_outlives_a_lock_longer_than_the_busy_timeout(tmp_path):
    db = tmp_path / "thidua.sqlite3"
    env = _env(f"sqlite:///{db}", SQLITE_BUSY_TIMEOUT=str(BUSY_TIMEOUT))
    _thidua(env, "migrate", "django_tasks_database", "--verbosity", "0")
    enqueue = "from tests.core.worker_tasks import leave_note; leave_note.enqueue({!r}, {!r})"
    worker = _start_worker(env)
    try:
        _thidua(env, "shell", "-c", enqueue.format(str(tmp_path / "before"), "trước"))
        _wait_for(tmp_path / "before", worker)

        # Another process holds the write lock, as a long import does.
        lock = sqlite3.connect(db, isolation_level=None)
        lock.execute("BEGIN IMMEDIATE")
        time.sleep(4 * BUSY_TIMEOUT)
        assert worker.poll() is None, f"the worker exited on the lock:\n{_stop(worker)}"
        lock.execute("ROLLBACK")
        lock.close()

        _thidua(env, "shell", "-c", enqueue.format(str(tmp_path / "after"), "sau"))
        _wait_for(tmp_path / "after", worker)
        assert (tmp_path / "after").read_text(encoding="utf-8") == "sau"
    finally:
        output = _stop(worker)
    assert "database unavailable while polling for tasks (OperationalError: database is locked)" in output


@pytest.mark.skipif(connection.vendor != "postgresql", reason="terminates a PostgreSQL backend")
@pytest.mark.django_db(transaction=True)
def test_the_worker_outlives_its_connection_being_cut(tmp_path):
    s = connection.settings_dict
    env = _env(f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
               "?application_name=thidua-test-worker")
    worker = _start_worker(env)
    try:
        leave_note.enqueue(str(tmp_path / "before"), "trước")
        _wait_for(tmp_path / "before", worker)

        with connection.cursor() as cursor:  # as a PostgreSQL restart or an administrator would
            cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                           " WHERE application_name = 'thidua-test-worker'")
            assert cursor.fetchall(), "the worker's connection was not found"

        leave_note.enqueue(str(tmp_path / "after"), "sau")
        _wait_for(tmp_path / "after", worker)
    finally:
        output = _stop(worker)
    assert "database unavailable while polling for tasks" in output

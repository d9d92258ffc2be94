"""The three import bombs of issue 10 (finding 3), uploaded through the real import page in
a fresh process, are refused with a message naming the limit, keep no batch, and grow the
serving process's peak memory (`getrusage` ru_maxrss, before and after the upload) by at
most 100 MB. Before the bounded reader the same files took 0.7–2.2 GB and the padded one
was answered with a normal preview.

Each upload runs in its own process (`tests.imports.memprobe`) so its baseline is clean:
ru_maxrss is the high-water mark of the whole process, and this test process has built
the bombs."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.imports import bombs
from thidua.imports import reading

ROOT = Path(__file__).resolve().parents[2]
MAX_GROWTH_MB = 100

pytestmark = pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"),
                                reason="the probe runs its own SQLite process; the SQLite run covers it")

# What each bomb is refused for: the first limit it meets, named in the message.
EXPECTED = {
    "huge_string": "Tệp Excel khi giải nén lớn 300 MB, vượt giới hạn 256 MB",
    "huge_strings_table": "Tệp Excel khi giải nén lớn 512 MB, vượt giới hạn 256 MB",
    "padded_to_xfd": str(reading.DECLARED_TOO_WIDE % {"sheet": "Danh sách", "col": "XFD", "n": "16.384",
                                                      "max": 100, "last": "CV"}),
}


def _probe(*args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}  # the probe makes its own SQLite file
    done = subprocess.run([sys.executable, "-m", "tests.imports.memprobe", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=600, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.fixture(scope="module")
def probe_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("memprobe") / "probe.sqlite3"
    _probe("prepare", str(db))
    return db


@pytest.mark.parametrize("name", list(bombs.BOMBS))
def test_a_bomb_is_refused_within_100_mb_of_memory(name, probe_db, tmp_path):
    path = tmp_path / f"{name}.xlsx"
    path.write_bytes(bombs.BOMBS[name]())
    assert path.stat().st_size < 2 * 1024 * 1024  # small on the wire…
    db = tmp_path / "db.sqlite3"
    shutil.copy(probe_db, db)
    result = json.loads(_probe("upload", str(db), str(path)).strip().splitlines()[-1])
    assert result["status"] == 200, result  # the upload page again, with the refusal on the file field
    assert EXPECTED[name] in result["text"], result
    assert result["batches"] == 0, "nothing kept of a refused file"
    assert result["growth_mb"] <= MAX_GROWTH_MB, result

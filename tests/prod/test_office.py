"""An office on the embedded mode (SQLite) and its move to PostgreSQL (issue 10, A), as
docs/deployment.md tells it; run by scripts/prod_stage.sh beside tests/prod/test_production.py.
"""

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.prod.conftest import files, tables

pytestmark = pytest.mark.prod

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "deployment.md"
# The commands the guide gives for moving an office's SQLite database to PostgreSQL; the
# test below runs exactly these (and checks the guide still says them).
DUMP = ("dumpdata --natural-foreign --natural-primary --exclude contenttypes --exclude auth.permission "
        "--exclude sessions --format jsonl --output")
LOAD = "loaddata"
# The guide's command for the province's top unit on a new site (there is no page for it).
FIRST_UNIT = ("from django.contrib.auth import get_user_model; from thidua.org.services import unit_create; "
              "unit_create(actor=get_user_model().objects.get(username='quantri'), parent=None, code='BN', "
              "name='UBND tỉnh Bắc Ninh', kind='ubnd_tinh', level='tinh')")


def test_an_office_on_sqlite_backs_up_and_moves_to_postgresql(stage):
    """The embedded mode (SQLite, one office) backs up and restores the same way, and moves
    to PostgreSQL with the guide's dumpdata/loaddata commands."""
    office = stage.prefix / "office"
    office_env = stage.env_file_with("office.env", DATABASE_URL=None, THIDUA_VAR=str(office / "var"),
                                     MEDIA_ROOT=str(office / "var" / "media"))
    for step in (["migrate", "--no-input", "-v0"], ["seed", "--preset", "small", "-v0"]):
        done = stage.thidua(*step, env_file=office_env)
        assert done.returncode == 0, (step, done.stderr)
    # The guide's first steps on a new site: the award catalog, the first administrator,
    # the province's own top unit (here beside the demo province's).
    for step in (["catalog", "load"], ["createsuperuser", "--no-input", "--username", "quantri", "--email",
                                       "quantri@example.gov.vn"], ["shell", "-c", FIRST_UNIT]):
        done = stage.thidua(*step, env_file=office_env, extra_env={"DJANGO_SUPERUSER_PASSWORD": "Mat-khau-2026!"})
        assert done.returncode == 0, (step, done.stderr)
    with sqlite3.connect(office / "var" / "thidua.sqlite3") as db:
        assert db.execute("SELECT name FROM org_unit WHERE code = 'BN' AND depth = 1").fetchone() == \
            ("UBND tỉnh Bắc Ninh",)
    done = stage.thidua("backup", str(office / "backups"), env_file=office_env)
    assert done.returncode == 0, done.stderr
    sqlite_file = office / "var" / "thidua.sqlite3"

    # Backup and restore, SQLite.
    (folder,) = (office / "backups").iterdir()
    copy_env = stage.env_file_with("office-copy.env", DATABASE_URL=None, THIDUA_VAR=str(office / "copy"),
                                   MEDIA_ROOT=str(office / "copy" / "media"))
    restored = stage.thidua("restore", str(folder), env_file=copy_env)
    assert restored.returncode == 0, restored.stderr
    source_counts = _sqlite_counts(sqlite_file)
    assert _sqlite_counts(office / "copy" / "thidua.sqlite3") == source_counts
    assert source_counts["people_person"] == 298
    assert files(office / "copy" / "media") == files(office / "var" / "media")

    # The move: dumpdata on SQLite, migrate + loaddata on a new PostgreSQL database, the files copied.
    dump = office / "thidua.jsonl"
    assert stage.thidua(*DUMP.split(), str(dump), env_file=office_env).returncode == 0
    with stage.pg() as admin:
        admin.execute("CREATE DATABASE thidua_moved OWNER thidua_site")
    moved_env = stage.env_file_with("moved.env", MEDIA_ROOT=str(stage.prefix / "moved-media"),
                                    DATABASE_URL=stage.database_url("thidua_moved"))
    for step in (["migrate", "--no-input", "-v0"], [LOAD, str(dump)]):
        done = stage.thidua(*step, env_file=moved_env)
        assert done.returncode == 0, (step, done.stderr)
    shutil.copytree(office / "var" / "media", stage.prefix / "moved-media")  # the guide: cp -a
    with stage.pg("thidua_moved") as moved:
        counts = {t: n for t, (n, _digest) in tables(moved).items()}
        # Sequences continue after the loaded rows: the next record gets a new number.
        behind = [t for t in counts if counts[t] and _sequence_behind(moved, t)]
    assert {t: counts.get(t) for t in source_counts} == source_counts
    assert not behind, behind


def _sqlite_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                          "AND name NOT LIKE 'sqlite_%'")]
        return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in sorted(names)}  # noqa: S608


def _sequence_behind(db, table: str) -> bool:
    """Whether TABLE's id sequence would hand out a number already taken."""
    row = db.execute("SELECT pg_get_serial_sequence(table_name, 'id') FROM information_schema.columns "
                     "WHERE table_schema = 'public' AND table_name = %s AND column_name = 'id'", (table,)).fetchone()
    if not row or row[0] is None:
        return False
    (last,) = db.execute(f"SELECT last_value FROM {row[0]}").fetchone()  # noqa: S608
    (highest,) = db.execute(f'SELECT MAX(id) FROM "{table}"').fetchone()  # noqa: S608
    return isinstance(highest, int) and last < highest


def test_the_guide_gives_the_commands_this_stage_runs():
    guide = GUIDE.read_text()
    for command in (f"thidua {DUMP}", f"thidua {LOAD}", FIRST_UNIT, "thidua catalog load",
                    "thidua createsuperuser", "thidua backup", "thidua restore", "thidua migrate --check",
                    "thidua collectstatic --no-input", "thidua check --deploy --fail-level WARNING",
                    "thidua sendtestemail", "deploy/render.py", "systemd-analyze verify"):
        assert command in guide, command

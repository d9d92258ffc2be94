"""Backups of a thidua site: the database and the uploaded files (MEDIA_ROOT) together.

`backup_create(parent)` writes one folder, PARENT/thidua-YYYYMMDD-HHMMSS/, holding
  database.dump     on PostgreSQL: pg_dump's custom format (what pg_restore reads)
  database.sqlite3  on SQLite: a consistent copy taken with sqlite3's online backup
  media.tar.gz      every file under MEDIA_ROOT
  backup.json       the engine, the time, the row count of every table, the files
The row counts come from the same snapshot as the dump (PostgreSQL: a repeatable-read
transaction whose snapshot pg_dump imports), so a restore can prove it got every row.
The folder is written under a hidden name and renamed when complete: a backup cut short
(a full disk) never looks like one.

`backup_restore(folder)` puts a backup into an EMPTY database and an empty MEDIA_ROOT —
a new server, or a drill on a second database — and refuses anything else: a restore
never overwrites a live site. The operator commands are `thidua backup` / `thidua restore`
(docs/deployment.md); the production stage of `make test` runs them.
"""

import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.errors import ApplicationError

FORMAT = 1
NAME = re.compile(r"^thidua-\d{8}-\d{6}$")
INFO, DUMP, SQLITE_COPY, MEDIA = "backup.json", "database.dump", "database.sqlite3", "media.tar.gz"

NO_CLIENT = _("Không tìm thấy lệnh %(tool)s: hãy cài gói postgresql-client (cùng phiên bản chính với máy chủ "
              "PostgreSQL hoặc mới hơn).")
TOOL_FAILED = _("%(tool)s không thành công (mã %(code)s): %(error)s")
NOT_A_BACKUP = _("%(path)s không phải thư mục sao lưu của thidua (thiếu %(file)s).")
WRONG_ENGINE = _("Bản sao lưu này là của %(backup)s, còn hệ thống đang dùng %(current)s; xem hướng dẫn chuyển "
                 "dữ liệu trong docs/deployment.md.")
DATABASE_NOT_EMPTY = _("Cơ sở dữ liệu đích đã có %(count)d bảng (ví dụ %(table)s): chỉ phục hồi vào cơ sở dữ liệu "
                       "trống, tạo mới bằng createdb; không ghi đè lên dữ liệu đang có.")
MEDIA_NOT_EMPTY = _("Thư mục tệp đính kèm %(path)s đã có tệp: chỉ phục hồi vào thư mục trống.")
ROWS_DIFFER = _("Phục hồi xong nhưng số dòng khác bản sao lưu ở %(count)d bảng, ví dụ %(table)s: %(got)d thay vì "
                "%(want)d.")


@dataclass(frozen=True)
class Summary:
    path: Path
    tables: int
    rows: int
    files: int


def _engine() -> str:
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def _pg_env() -> dict[str, str]:
    """libpq's environment for the default database, as Django connects to it."""
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGDATABASE": db["NAME"]}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    if db.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = db["OPTIONS"]["sslmode"]
    return env


def _run(tool: str, *args: str) -> None:
    if shutil.which(tool) is None:
        raise ApplicationError(NO_CLIENT % {"tool": tool})
    done = subprocess.run([tool, *args], env=_pg_env(), capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise ApplicationError(TOOL_FAILED % {"tool": tool, "code": done.returncode, "error": done.stderr.strip()})


def _row_counts(cursor, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 — a table name
        counts[table] = cursor.fetchone()[0]
    return counts


def _dump_postgresql(target: Path) -> dict[str, int]:
    """pg_dump from a snapshot this transaction exports; the counts read the same snapshot."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = _row_counts(cursor, connection.introspection.table_names(cursor))
        _run("pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
             f"--file={target / DUMP}")
    return counts


def _dump_sqlite(target: Path) -> dict[str, int]:
    connection.ensure_connection()
    copy = sqlite3.connect(target / SQLITE_COPY)
    try:
        connection.connection.backup(copy)
        tables = [r[0] for r in copy.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                              "AND name NOT LIKE 'sqlite_%'")]
        return _row_counts(copy.cursor(), tables)
    finally:
        copy.close()


def _media_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []


def backup_create(parent: Path, *, keep: int | None = None) -> Summary:
    """Write one backup folder under PARENT (see the module's doc); with KEEP, delete the
    oldest complete backups there beyond the KEEP most recent."""
    parent.mkdir(parents=True, exist_ok=True)
    name = f"thidua-{timezone.localtime():%Y%m%d-%H%M%S}"
    final, partial = parent / name, parent / f".{name}-partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(mode=0o700)
    try:
        counts = _dump_postgresql(partial) if _engine() == "postgresql" else _dump_sqlite(partial)
        media_root = Path(settings.MEDIA_ROOT)
        files = _media_files(media_root)
        with tarfile.open(partial / MEDIA, "w:gz") as tar:
            for path in files:
                tar.add(path, arcname=str(path.relative_to(media_root)), recursive=False)
        info = {"format": FORMAT, "engine": _engine(), "created": timezone.now().isoformat(),
                "tables": counts, "media_files": len(files)}
        (partial / INFO).write_text(json.dumps(info, indent=1, ensure_ascii=False))
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    if keep:
        for old in sorted(p for p in parent.iterdir() if p.is_dir() and NAME.match(p.name))[:-keep]:
            shutil.rmtree(old)
    return Summary(final, len(counts), sum(counts.values()), len(files))


def _read_info(folder: Path) -> dict:
    for required in (INFO, MEDIA):
        if not (folder / required).is_file():
            raise ApplicationError(NOT_A_BACKUP % {"path": folder, "file": required})
    return json.loads((folder / INFO).read_text())


def backup_restore(folder: Path) -> Summary:
    """Restore FOLDER into the configured database and MEDIA_ROOT, both empty."""
    info = _read_info(folder)
    if info["engine"] != _engine():
        raise ApplicationError(WRONG_ENGINE % {"backup": info["engine"], "current": _engine()})
    tables = connection.introspection.table_names()
    if tables:
        raise ApplicationError(DATABASE_NOT_EMPTY % {"count": len(tables), "table": sorted(tables)[0]})
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.is_dir() and any(media_root.iterdir()):
        raise ApplicationError(MEDIA_NOT_EMPTY % {"path": media_root})

    if info["engine"] == "postgresql":
        connection.close()
        _run("pg_restore", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
             f"--dbname={settings.DATABASES['default']['NAME']}", str(folder / DUMP))
    else:
        connection.ensure_connection()
        source = sqlite3.connect(folder / SQLITE_COPY)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / MEDIA, "r:gz") as tar:
        tar.extractall(media_root, filter="data")

    with connection.cursor() as cursor:
        counts = _row_counts(cursor, connection.introspection.table_names(cursor))
    wrong = {t: (counts.get(t, -1), n) for t, n in info["tables"].items() if counts.get(t, -1) != n}
    if wrong:
        table, (got, want) = sorted(wrong.items())[0]
        raise ApplicationError(ROWS_DIFFER % {"count": len(wrong), "table": table, "got": got, "want": want})
    return Summary(folder, len(counts), sum(counts.values()), len(_media_files(media_root)))


"""`make bench` addition: confirming a 10,000-row people import (issue 10, findings 4–5).

`bench_import_confirm(n=10_000)` runs inside an already set up Django whose database holds
a seeded demo province. It builds a people-and-ratings file of N new people with a rating
each, spread over the active units below the busiest department, uploads it (the preview:
read, check, keep the parsed rows) and confirms it through the same service the task
worker runs, then prints:
- the confirm time from start to commit, against the goal of 10 s;
- the SQL statements it ran (one per bulk chunk, not per row);
- on SQLite, the write-lock hold time, against the goal of 3 s, measured from outside:
  a second connection tries `BEGIN IMMEDIATE` every few milliseconds while the confirm
  runs, and the longest stretch during which it could not is how long any other writer
  (a rating saved on a page, the task worker) would have waited;
- the lower bound of the write, for scale: the same rows inserted with plain
  `bulk_create` and nothing else (no checks, no audit), rolled back.
The imported people stay (the bench runs it last).

Standalone, on a fresh database seeded with the small preset:
    python -m tests.perf.bench_imports [--db sqlite|postgresql] [--rows N]
"""

import argparse
import datetime as dt
import io
import os
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

from tests.perf.timing import Rollback


class LockProbe(threading.Thread):
    """Measures the longest time another SQLite writer is kept out: tries `BEGIN IMMEDIATE`
    on its own connection every STEP seconds and remembers the longest gap between two
    successes."""

    def __init__(self, path: str, step: float = 0.005):
        super().__init__(daemon=True)
        self.path, self.step = path, step
        self.stop = threading.Event()
        self.longest = 0.0

    def run(self) -> None:
        con = sqlite3.connect(self.path, timeout=0, isolation_level=None)
        last = time.perf_counter()
        while not self.stop.is_set():
            try:
                con.execute("BEGIN IMMEDIATE")
                con.execute("ROLLBACK")
            except sqlite3.OperationalError:
                pass
            else:
                now = time.perf_counter()
                self.longest = max(self.longest, now - last)
                last = now
            time.sleep(self.step)
        self.longest = max(self.longest, time.perf_counter() - last)
        con.close()


class StatementCounter:
    """An execute wrapper counting every statement sent (savepoints included), without the
    9,000-entry cap of Django's query log."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def people_file(units, n: int, *, year: int, start: int = 0) -> bytes:
    """N rows of new people (unique names and CCCDs from number START), one rating each,
    over UNITS."""
    from openpyxl import Workbook

    from tests.imports.conftest import HEADERS

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Danh sách")
    ws.append(HEADERS)
    family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"]
    middle = ["Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thanh"]
    for i in range(start, start + n):
        unit = units[i % len(units)]
        name = f"{family[i % 8]} {middle[(i // 8) % 6]} Nhập{i:05d}"
        ws.append([unit.code, name, "Nữ" if i % 2 else "Nam", dt.date(1970 + i % 30, 1 + i % 12, 1 + i % 28),
                   f"0999{i:08d}", "Chuyên viên", year, ["HTXSNV", "HTTNV", "HTNV"][i % 3], 12, ""])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _lower_bound(units, n: int, year: int) -> float:
    """Seconds to insert N people, their employment and rating with bare bulk_create."""
    from django.db import transaction

    from thidua.people.models import Employment, Evaluation, Person

    t0 = time.perf_counter()
    try:
        with transaction.atomic():
            people = Person.objects.bulk_create([
                Person(full_name=f"Cận Dưới {i}", gender="nam", current_unit=units[i % len(units)],
                       search_key=f"can duoi {i}") for i in range(n)])
            Employment.objects.bulk_create([Employment(person=p, unit_id=p.current_unit_id,
                                                       started_on=dt.date.today()) for p in people])
            Evaluation.objects.bulk_create([Evaluation(person=p, unit_id=p.current_unit_id, year=year,
                                                       rating="HTTNV") for p in people])
            raise Rollback
    except Rollback:
        pass
    return time.perf_counter() - t0


def bench_import_confirm(n: int = 10_000) -> dict[str, float]:
    from django.contrib.auth import get_user_model

    from thidua.org.models import Unit
    from thidua.people.models import Person

    actor = get_user_model().objects.get(username="admin")
    department = max(Unit.objects.filter(depth=2, active_until__isnull=True),
                     key=lambda u: Person.objects.filter(current_unit__path__startswith=u.path).count())
    units = list(Unit.objects.filter(path__startswith=department.path, active_until__isnull=True).order_by("path"))
    year = dt.date.today().year - 1
    content = people_file(units, n, year=year)

    print(f"\n-- import confirm: {n:,} people rows into {len(units)} units of {department.name} --")
    figures = _confirm(actor, "people", content, n)
    bound_s = _lower_bound(units, n, year)
    print(f"lower bound, bare bulk_create of the same people, employments and ratings: {bound_s:.1f} s "
          f"(the confirm = {figures['confirm_s'] / bound_s:.1f}×)")
    figures["bound_s"] = bound_s
    people = list(Person.objects.filter(cccd__startswith="0999").select_related("current_unit").order_by("cccd")[:n])
    _other_imports(actor, people, year)
    return figures


def _confirm(actor, kind: str, content: bytes, n: int) -> dict[str, float]:
    """Upload CONTENT as a batch of KIND and confirm it through the service the task worker
    runs; print and return the figures."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection

    from thidua.imports import services
    from thidua.imports.models import ImportBatch

    t0 = time.perf_counter()
    batch = services.import_preview(actor=actor, upload=SimpleUploadedFile("bench.xlsx", content), kind=kind)
    preview_s = time.perf_counter() - t0
    assert not batch.errors, batch.errors[:3]
    probe = None
    if connection.vendor == "sqlite":
        probe = LockProbe(connection.settings_dict["NAME"])
        probe.start()
    statements = StatementCounter()
    with connection.execute_wrapper(statements):
        t0 = time.perf_counter()
        batch = services.import_apply(actor=actor, batch=batch)
        confirm_s = time.perf_counter() - t0
    if probe is not None:
        probe.stop.set()
        probe.join()
    assert batch.state == ImportBatch.Status.DONE, batch.result
    lock = f"   SQLite write lock held at most {probe.longest:.2f} s (goal ≤ 3 s)" if probe else ""
    print(f"{kind:13} {n:,} rows: upload and preview {preview_s:.1f} s · confirm, start to commit {confirm_s:.1f} s "
          f"(goal ≤ 10 s) · {statements.count:,} SQL statements ({statements.count / n:.3f} per row){lock}")
    return {"rows": n, "preview_s": preview_s, "confirm_s": confirm_s, "statements": statements.count,
            **({"lock_s": probe.longest} if probe else {})}


def _sheet(headers, rows) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Danh sách")
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _headers(columns) -> list[str]:
    from django.utils import translation

    with translation.override("vi"):
        return [str(c.header) for c in columns]


def _other_imports(actor, people, year: int) -> None:
    """The same number of rows through the three other importers, for the people just
    imported: a title each (awards), two authors per initiative, a registration each."""
    from thidua.imports import awards, registrations

    n = len(people)
    print(f"-- the other importers, {n:,} rows each, for the people just imported --")
    decided = min(dt.date(year + 1, 1, 15), dt.date.today())
    award_rows = [{"unit_code": p.current_unit.code, "full_name": p.full_name, "cccd": p.cccd, "kind": "LDTT",
                   "year": year, "decision_number": "01/QĐ-BENCH", "decided_on": decided} for p in people]
    columns = awards.AWARD_COLUMNS
    _confirm(actor, "awards", _sheet(_headers(columns), [[r.get(c.key) for c in columns] for r in award_rows]), n)
    initiative_rows = []
    for i, p in enumerate(people):
        initiative_rows.append({"unit_code": p.current_unit.code, "title": f"Sáng kiến số {i // 2}", "year": year,
                                "scope": "Cấp cơ sở", "recognized_on": dt.date(year, 12, 1),
                                "decision_number": "02/QĐ-BENCH", "author_name": p.full_name, "author_cccd": p.cccd,
                                "share": 50})
    # An initiative's two authors work in the same unit: pair people unit by unit.
    initiative_rows.sort(key=lambda r: (r["unit_code"], r["author_cccd"]))
    for i, r in enumerate(initiative_rows):
        r["title"] = f"Sáng kiến {r['unit_code']} số {i // 2}"
    if len(initiative_rows) % 2:
        initiative_rows[-1]["share"] = 100
    counts: dict[str, int] = {}
    for r in initiative_rows:
        counts[r["title"]] = counts.get(r["title"], 0) + 1
    for r in initiative_rows:
        if counts[r["title"]] == 1:
            r["share"] = 100
    columns = awards.INITIATIVE_COLUMNS
    _confirm(actor, "initiatives",
             _sheet(_headers(columns), [[r.get(c.key) for c in columns] for r in initiative_rows]), n)
    columns = registrations.COLUMNS
    reg_rows = [{"unit_code": p.current_unit.code, "year": year + 1, "ident": p.cccd, "full_name": p.full_name,
                 "titles": "LDTT"} for p in people]
    _confirm(actor, "registrations", _sheet(_headers(columns), [[r.get(c.key) for c in columns] for r in reg_rows]),
             n)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--preset", default="small")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="thidua-bench-imports-"))
    if args.db == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    elif not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("--db postgresql needs DATABASE_URL (scripts/pg.sh starts a cluster)", file=sys.stderr)
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    os.environ["THIDUA_VAR"] = str(tmp)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from thidua.demo.generator import seed

    settings.MEDIA_ROOT = tmp / "media"
    call_command("migrate", verbosity=0)
    seed(args.preset)
    bench_import_confirm(args.rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Province-size benchmarks: `make bench` runs this on SQLite and on PostgreSQL.

Prints the seeding time of the province preset and, for the hot pages, the median time
over repeated requests through Django's test client, each as a ratio to a lower bound
measured in the same run: the median of the cheapest authenticated page (an empty
search), which pays for the same middleware, session and template stack. Ratios stay
comparable across machines; absolute milliseconds are printed beside them.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def _median_ms(client, url: str, repeat: int) -> float:
    client.get(url)  # warm caches and connections once
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(samples)


def prepare(db: str, preset: str, seeded: bool = False) -> float | None:
    """Set Django up on a fresh database (SQLite in a temporary folder, or DATABASE_URL's
    PostgreSQL) seeded with the demo PRESET; the seconds the seeding took (None: no database).
    SEEDED: DATABASE_URL already holds the seeded demo (a previous run's, printed by
    `standalone`, with its THIDUA_VAR, the folder of its media files): use them as they
    are, seeding nothing (0 seconds)."""
    tmp = Path(tempfile.mkdtemp(prefix="thidua-bench-"))
    if seeded:
        if not os.environ.get("DATABASE_URL"):
            print("--seeded needs DATABASE_URL, the database a previous run seeded", file=sys.stderr)
            return None
    elif db == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    elif not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("--db postgresql needs DATABASE_URL (scripts/bench.sh starts a cluster)", file=sys.stderr)
        return None
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    if not (seeded and os.environ.get("THIDUA_VAR")):
        os.environ["THIDUA_VAR"] = str(tmp)
    # The preset the database holds, for the benchmarks whose goals hold at "province"
    # (`preset()`; the environment, as `python -m tests.perf.bench` runs this module as __main__).
    os.environ["THIDUA_BENCH_PRESET"] = preset

    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    from thidua.demo.generator import seed

    setup_test_environment()
    if seeded:
        return 0.0
    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    seed(preset)
    return time.perf_counter() - t0


def preset() -> str | None:
    """The preset the database `prepare` set up holds."""
    return os.environ.get("THIDUA_BENCH_PRESET")


def prepared_from_args(description: str, argv: list[str] | None, repeat: int = 15):
    """The command line every benchmark takes (--db, --preset, --repeat), its database
    seeded: (args, seconds the seed took), or None when the database could not start."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--preset", default="province")
    parser.add_argument("--repeat", type=int, default=repeat)
    parser.add_argument("--seeded", action="store_true",
                        help="DATABASE_URL holds a database a previous run seeded with --preset: reuse it")
    args = parser.parse_args(argv)
    seconds = prepare(args.db, args.preset, seeded=args.seeded)
    return None if seconds is None else (args, seconds)


def standalone(description: str, bench, argv: list[str] | None, repeat: int = 15) -> int:
    """Run one benchmark alone on its own seeded database (`python -m tests.perf.bench_…`);
    1 when it returned goals it missed (`report_missed`)."""
    ready = prepared_from_args(description, argv, repeat)
    if ready is None:
        return 2
    args, seconds = ready
    if not args.seeded:
        print(f"seed {args.preset}: {seconds:.1f} s (again without seeding: "
              f"DATABASE_URL={os.environ['DATABASE_URL']} THIDUA_VAR={os.environ['THIDUA_VAR']} … --seeded)")
    return report_missed(bench(repeat=args.repeat))


def report_missed(misses) -> int:
    """Print the goals a benchmark missed (what its function returned, when a list of
    lines); 1 when there are any, so that `make bench` fails."""
    misses = misses if isinstance(misses, list) else []
    for line in misses:
        print(f"GOAL MISSED: {line}", file=sys.stderr)
    return 1 if misses else 0


def main(argv: list[str] | None = None) -> int:
    ready = prepared_from_args(__doc__, argv)
    if ready is None:
        return 2
    args, seed_s = ready
    from django.contrib.auth import get_user_model
    from django.test import Client

    from thidua.org.models import Unit
    from thidua.people.models import Evaluation, Person

    admin = get_user_model().objects.get(username="admin")
    client = Client()
    client.force_login(admin)
    root = Unit.objects.get(depth=1)
    biggest = max(Unit.objects.filter(depth=2), key=lambda u: Person.objects.filter(
        current_unit__path__startswith=u.path).count())
    person = Person.objects.filter(evaluations__isnull=False).order_by("id").first()

    from thidua.movements.models import Movement

    movement = Movement.objects.filter(kind="thuong_xuyen").order_by("-year").first()
    baseline = _median_ms(client, "/tim-kiem/", args.repeat)
    cases = [
        ("unit page, province root (all people, paginated)", f"/don-vi/{root.pk}/"),
        (f"unit page, {biggest.name}", f"/don-vi/{biggest.pk}/"),
        ("person page", f"/ca-nhan/{person.pk}/"),
        ("search 'nguyen van phong'", "/tim-kiem/?q=nguyen+van+phong"),
        ("search 'phong'", "/tim-kiem/?q=phong"),
        ("dashboard", "/"),
        (f"movement page, {movement.name}", f"/phong-trao/{movement.pk}/"),
        ("movement progress, every participant unit", f"/phong-trao/{movement.pk}/tien-do/"),
        ("movement progress, units not registered", f"/phong-trao/{movement.pk}/tien-do/?trang-thai=chua-dang-ky"),
        ("movement progress, Excel export of all units", f"/phong-trao/{movement.pk}/tien-do/?xuat=xlsx"),
    ]
    print(f"\n== thidua bench: {args.db}, preset {args.preset} ==")
    print(f"units {Unit.objects.count():,} · people {Person.objects.count():,} · "
          f"evaluations {Evaluation.objects.count():,}")
    print(f"seed {args.preset}: {seed_s:.1f} s")
    print(f"lower bound (empty search page): {baseline:.1f} ms")
    print(f"{'page':55} {'median ms':>10} {'× bound':>8}")
    for label, url in cases:
        ms = _median_ms(client, url, args.repeat)
        print(f"{label[:55]:55} {ms:10.1f} {ms / baseline:8.1f}")
    _bench_scan(year=max(Evaluation.objects.values_list("year", flat=True).distinct()))
    from tests.perf.bench_lists import bench_lists

    bench_lists()  # before any writes below: its lists read the demo's stored verdicts
    from tests.perf.bench_reports import bench_reports

    misses = bench_reports(repeat=args.repeat)
    from tests.perf.bench_charts import bench_charts
    from tests.perf.bench_yearend import bench_yearend

    bench_charts(repeat=args.repeat)
    bench_yearend(repeat=args.repeat)
    from tests.perf.bench_search import bench_search

    bench_search(repeat=args.repeat)
    from tests.perf.bench_pledges import bench_ranking

    bench_ranking(repeat=args.repeat)
    from tests.perf.bench_dossiers import bench_dossier
    from tests.perf.bench_printing import bench_certificates

    bench_dossier()
    bench_certificates(n=500)
    from tests.perf.bench_reminders import bench_reminders

    bench_reminders()  # it moves the clock to a busy day (inside a transaction rolled back)
    from tests.perf.bench_imports import bench_import_confirm

    bench_import_confirm(10_000)  # last: the 10,000 people it imports stay
    return report_missed(misses)


def _load_only(year: int) -> float:
    """The lower bound of a scan: run the fact queries and fetch every row, building nothing."""
    from thidua.awards.models import Award, InitiativeAuthor
    from thidua.eligibility.facts import HISTORY_YEARS
    from thidua.people.models import Discipline, Evaluation
    from thidua.registrations.models import Registration

    first = year - HISTORY_YEARS + 1
    querysets = [
        Evaluation.objects.filter(year__gte=first, year__lte=year).values_list("person_id", "unit_id", "year",
                                                                               "rating", "months_worked"),
        Discipline.objects.values_list("person_id", "decided_on", "effective_until", "form"),
        Registration.objects.filter(year__gte=first, year__lte=year).values_list("person_id", "unit_id", "year",
                                                                                 "code"),
        Award.objects.values_list("person_id", "unit_id", "kind", "is_title", "year", "decided_on", "period_from",
                                  "period_to", "commendation_type", "revoked"),
        InitiativeAuthor.objects.values_list("person_id", "initiative__scope", "initiative__recognized_on",
                                             "initiative__used_for", "initiative__year"),
    ]
    t0 = time.perf_counter()
    rows = sum(1 for qs in querysets for _row in qs.iterator(chunk_size=20000))
    elapsed = time.perf_counter() - t0
    print(f"load facts only ({rows:,} rows): {elapsed:.1f} s")
    return elapsed


def _bench_scan(year: int) -> None:
    from thidua import rules
    from thidua.eligibility.scan import eligible_flags, scan
    from thidua.people.models import Person

    load = _load_only(year)

    # What `thidua rules scan --year Y` runs: every subject's verdicts, in worker processes.
    for workers in (1, 2):
        flags = eligible_flags(year=year, workers=workers)
        goal = "  (goal ≤ 2×)" if workers == 2 else ""
        print(f"bulk scan {year} (rules scan, {workers} process(es)): {len(flags.flags):,} subjects in "
              f"{flags.seconds:.1f} s = {flags.seconds / load:.1f}× loading the facts{goal}")
    # What `rules scan --output FILE` runs: every answer with its reasons, in one process.
    t0 = time.perf_counter()
    result = scan(year=year)
    verdicts = sum(len(answer.verdicts) for _subject, answer in result.answers)
    total = time.perf_counter() - t0
    print(f"full answers with reasons {year}: {verdicts:,} verdicts in {total:.1f} s "
          f"(facts {result.load_seconds:.1f} s) = {total / load:.1f}× loading the facts")
    sample = list(result.person_cases.values())[:: max(1, len(result.person_cases) // 300)]
    samples = []
    for case in sample:
        t1 = time.perf_counter()
        rules.evaluate(case, result.ruleset)
        samples.append((time.perf_counter() - t1) * 1000)
    print(f"per-person verdicts (all award kinds) median: {statistics.median(samples):.2f} ms "
          f"over {len(samples)} people of {Person.objects.count():,}")


if __name__ == "__main__":
    sys.exit(main())

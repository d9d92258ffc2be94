"""`make bench`'s load test (issue 10, finding 10): the locustfile's 50 users against
gunicorn with production settings on PostgreSQL, on the `province` preset and on `small`.

For each preset: a database seeded from the preset (kept and reused when it is already
seeded), the bench accounts and the plan of addresses (`load_plan`), the server
(`start_server`), a warm-up, then a measured window (`load_run`). Prints p50/p95 per page
beside the trivial page of the same run (the sign-in page: every ratio is to it) and, for
the department users' pages, province/small.

    python -m tests.perf.load --database-url postgres://…/thidua [--warmup 60 --measure 300]
"""

import argparse
import datetime as dt
import json
import math
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.perf.load_plan import BASELINE, DEPARTMENT_ROLES

ROOT = Path(__file__).resolve().parents[2]
PY = Path(sys.executable)
GOAL_P95_MS = 150
GOAL_GROWTH = 1.5
# Not held to the 150 ms goal (issue 10): the eligibility lists run the law engine over a subtree.
EXEMPT = ("/dieu-kien/don-vi/<id>/danh-sach/",)


def _database_url(base: str, name: str) -> str:
    head, _, _old = base.rpartition("/")
    return f"{head}/{name}"


def _create_database(base: str, name: str) -> None:
    import psycopg

    with psycopg.connect(_database_url(base, "postgres"), autocommit=True) as conn:
        if not conn.execute("select 1 from pg_database where datname = %s", [name]).fetchone():
            conn.execute(f'create database "{name}"')


def prepare(preset: str, database_url: str, plan_path: Path) -> None:
    """Migrate and seed (unless seeded) the preset's database, then write the plan; in a
    process of its own because each preset has its own database."""
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "thidua.settings"}
    subprocess.run([PY, "-m", "tests.perf.load", "prepare", "--preset", preset, "--plan", str(plan_path)],
                   env=env, check=True, cwd=ROOT)


def _prepare_here(preset: str, plan_path: Path) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    django.setup()
    from django.core.management import call_command

    from tests.perf.load_plan import build_plan
    from thidua.demo.generator import seed
    from thidua.org.models import Unit

    call_command("migrate", verbosity=0)
    if Unit.objects.exists():
        print(f"   {preset}: database already seeded, reused")
    else:
        t0 = time.perf_counter()
        seed(preset)
        print(f"   {preset}: seeded in {time.perf_counter() - t0:.0f} s")
    build_plan(plan_path, preset=preset)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(*, database_url: str, port: int, workers: int, var_dir: Path) -> subprocess.Popen:
    """The application server the load runs against: gunicorn, sync workers, production
    settings (THIDUA_ENV=production: DEBUG off, a real secret, manifest static files) on
    DATABASE_URL, on 127.0.0.1:PORT. The one place the bench starts it: to measure the
    production stage instead, start its unit's ExecStart here."""
    env = {
        **os.environ, "THIDUA_ENV": "production", "SECRET_KEY": secrets.token_urlsafe(40),
        "DATABASE_URL": database_url, "ALLOWED_HOSTS": "127.0.0.1,localhost", "THIDUA_VAR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "thidua.settings",
    }
    env.pop("DEBUG", None)
    collected = subprocess.run([PY.parent / "thidua", "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT,
                               capture_output=True, text=True)
    if collected.returncode != 0:
        # The vendored files' source maps are missing until the production path is fixed
        # (issue 10 A); the pages are measured all the same, static files named unhashed.
        print("   collectstatic with the manifest failed; static files served unhashed "
              f"({collected.stderr.strip().splitlines()[-1][:120]})")
        env.update(DJANGO_SETTINGS_MODULE="tests.perf.bench_settings", PYTHONPATH=str(ROOT))
        subprocess.run([PY.parent / "thidua", "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    log = open(var_dir / "gunicorn.log", "w")  # noqa: SIM115 — closed with the process
    server = subprocess.Popen(
        [PY.parent / "gunicorn", "thidua.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--worker-class", "sync", "--timeout", "30",
         "--access-logfile", var_dir / ACCESS_LOG, "--access-logformat", ACCESS_FORMAT],
        env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            probe = urllib.request.Request(f"http://127.0.0.1:{port}{BASELINE}",
                                           headers={"X-Forwarded-Proto": "https"})
            with urllib.request.urlopen(probe, timeout=5) as r:  # noqa: S310 — our own http address
                if r.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
        if server.poll() is not None:
            break
    server.terminate()
    raise SystemExit(f"gunicorn did not answer; see {var_dir / 'gunicorn.log'}")


# What the server's access log records of each request: when it ended, how long the worker
# spent on it (µs: without the time it waited for a worker), its status, and the page and
# role the locustfile names in its headers.
ACCESS_LOG = "access.log"
ACCESS_FORMAT = "%(t)s\t%(D)s\t%(s)s\t%({x-bench-page}i)s\t%({x-bench-role}i)s"


def server_samples(log: Path, window: list[float]) -> dict:
    """Per page (and per role and page) the worker's time in ms of the requests that ended
    inside WINDOW (epoch seconds), from the access log (ACCESS_FORMAT)."""
    samples: dict[str, list[float]] = {}
    by_role: dict[str, dict[str, list[float]]] = {}
    start, end = window
    for line in log.read_text().splitlines():
        when, micros, _status, page, role = line.split("\t")
        at = dt.datetime.strptime(when.strip("[]"), "%d/%b/%Y:%H:%M:%S %z").timestamp()
        if page == "-" or not start <= at <= end:
            continue
        samples.setdefault(page, []).append(int(micros) / 1000)
        by_role.setdefault(role, {}).setdefault(page, []).append(int(micros) / 1000)
    return {"samples": samples, "by_role": by_role}


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (Q in 0..1) of VALUES."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def run_preset(preset: str, args, work: Path) -> dict:
    database_url = _database_url(args.database_url, f"thidua_{preset}")
    _create_database(args.database_url, f"thidua_{preset}")
    plan = work / f"plan-{preset}.json"
    print(f">> {preset}: database, accounts, plan")
    prepare(preset, database_url, plan)
    var_dir = work / f"var-{preset}"
    var_dir.mkdir(exist_ok=True)
    port = args.port or _free_port()
    server = start_server(database_url=database_url, port=port, workers=args.workers, var_dir=var_dir)
    out = work / f"samples-{preset}.json"
    print(f">> {preset}: locust, {args.warmup:.0f} s warm-up then {args.measure:.0f} s measured")
    try:
        subprocess.run([PY, "-m", "tests.perf.load_run", "--plan", plan, "--host", f"http://127.0.0.1:{port}",
                        "--warmup", str(args.warmup), "--measure", str(args.measure), "--out", out],
                       check=True, cwd=ROOT)
    finally:
        stop_server(server)
    result = json.loads(out.read_text())
    result["server"] = server_samples(var_dir / ACCESS_LOG, result["window"])
    out.write_text(json.dumps(result))
    return result


def report(work: Path, workers: int) -> int:
    results = {p: json.loads((work / f"samples-{p}.json").read_text()) for p in ("province", "small")
               if (work / f"samples-{p}.json").exists()}
    for preset, result in results.items():
        result.setdefault("server", {"samples": {}, "by_role": {}})
        print_table(preset, result, workers)
    if len(results) == 2:
        print_growth(results["province"], results["small"])
    return 0


def _stats(values: list[float]) -> tuple[int, float, float]:
    return len(values), percentile(values, 0.5), percentile(values, 0.95)


def _cells(values: list[float] | None, bound: tuple[float, float]) -> str:
    """p50, p95 and their ratios to BOUND's (p50, p95)."""
    if not values:
        return f"{'':>6} {'':>6} {'':>5} {'':>5}"
    _, p50, p95 = _stats(values)
    return f"{p50:6.0f} {p95:6.0f} {p50 / bound[0]:5.1f} {p95 / bound[1]:5.1f}"


def print_table(preset: str, result: dict, workers: int) -> None:
    """Per page: p50/p95 as the users saw them (locust) and as the server spent them (the
    worker's time, without waiting for a free worker), each beside the sign-in page's."""
    samples, server = result["samples"], result["server"]["samples"]
    _, *client_bound = _stats(samples[BASELINE])
    _, *server_bound = _stats(server.get(BASELINE) or samples[BASELINE])
    print(f"\n== load: {preset}, {result['users']} users, {result['seconds']:.0f} s measured, "
          f"gunicorn {workers} sync workers, PostgreSQL ==")
    print(f"lower bound, the sign-in page {BASELINE}: p50/p95 {client_bound[0]:.0f}/{client_bound[1]:.0f} ms "
          f"(users), {server_bound[0]:.0f}/{server_bound[1]:.0f} ms (server)")
    print(f"{'':42} {'as users saw it (locust)':^25} {'server time':^25}")
    print(f"{'page':36} {'n':>5} {'p50':>6} {'p95':>6} {'×p50':>5} {'×p95':>5} {'p50':>6} {'p95':>6} {'×p50':>5} "
          f"{'×p95':>5} {'fail':>4}  goal p95 ≤ {GOAL_P95_MS} ms")
    every = [v for name, values in samples.items() if not name.startswith("[") for v in values]
    for name in sorted(set(samples) | set(result["failures"]), key=lambda n: (n != BASELINE, n)):
        values = samples.get(name, [])
        p95 = percentile(values, 0.95) if values else 0
        goal = "exempt" if name in EXEMPT else ("ok" if values and p95 <= GOAL_P95_MS else "over")
        print(f"{name[:36]:36} {len(values):5d} {_cells(values, client_bound)} "
              f"{_cells(server.get(name), server_bound)} {result['failures'].get(name, 0):4d}  {goal}")
    print(f"{'all requests':36} {len(every):5d} {_cells(every, client_bound)} "
          f"{_cells([v for n, vs in server.items() if not n.startswith('[') for v in vs], server_bound)} "
          f"{sum(result['failures'].values()):4d}")
    for name, error in result["errors"].items():
        print(f"   failure on {name}: {error}")


def department_samples(by_role: dict) -> dict[str, list[float]]:
    pages: dict[str, list[float]] = {}
    for role in DEPARTMENT_ROLES:
        for name, values in by_role.get(role, {}).items():
            if not name.startswith("["):
                pages.setdefault(name, []).extend(values)
    return pages


def print_growth(province: dict, small: dict) -> None:
    """The department users' pages on the province over the same pages on `small`."""
    views = [department_samples(r["by_role"]) for r in (province, small)]
    servers = [department_samples(r["server"]["by_role"]) for r in (province, small)]
    print(f"\n== department users' pages ({', '.join(DEPARTMENT_ROLES)}): province / small, p95 ms ==")
    print(f"{'page':36} {'users saw':>15} {'×':>5} {'server':>15} {'×':>5}  goal ≤ {GOAL_GROWTH}×")
    for name in sorted(set(views[0]) & set(views[1])):
        big, little = percentile(views[0][name], 0.95), percentile(views[1][name], 0.95)
        line = f"{name[:36]:36} {big:7.0f}/{little:<7.0f} {big / little:5.2f}"
        if name in servers[0] and name in servers[1]:
            s_big, s_little = percentile(servers[0][name], 0.95), percentile(servers[1][name], 0.95)
            line += f" {s_big:7.0f}/{s_little:<7.0f} {s_big / s_little:5.2f}"
        print(f"{line}  {'ok' if big / little <= GOAL_GROWTH else 'grows'}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["prepare"]:
        parser = argparse.ArgumentParser()
        parser.add_argument("--preset", required=True)
        parser.add_argument("--plan", required=True)
        args = parser.parse_args(argv[1:])
        _prepare_here(args.preset, Path(args.plan))
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""),
                        help="a PostgreSQL cluster's database URL; the presets get databases beside it")
    parser.add_argument("--warmup", type=float, default=60, help="seconds of warm-up (default 60)")
    parser.add_argument("--measure", type=float, default=300, help="seconds measured (default 300)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers (default 4)")
    parser.add_argument("--port", type=int, default=0, help="gunicorn's port (default: a free one)")
    parser.add_argument("--presets", default="province,small",
                        help="comma-separated; province/small is printed when both run")
    parser.add_argument("--keep", help="a folder to keep plans, samples and logs in")
    parser.add_argument("--report", metavar="FOLDER", help="print the tables of a run kept with --keep, run nothing")
    args = parser.parse_args(argv)
    if args.report:
        return report(Path(args.report), args.workers)
    if not args.database_url.startswith("postgres"):
        print("the load test needs PostgreSQL: --database-url or DATABASE_URL (scripts/bench.sh starts a cluster)",
              file=sys.stderr)
        return 2
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="thidua-load-"))
    work.mkdir(parents=True, exist_ok=True)
    results = {}
    try:
        for preset in [p.strip() for p in args.presets.split(",") if p.strip()]:
            results[preset] = run_preset(preset, args, work)
            print_table(preset, results[preset], args.workers)
        if "province" in results and "small" in results:
            print_growth(results["province"], results["small"])
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

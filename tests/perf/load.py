"""`make bench`'s load test (issue 10, finding 10): the locustfile's 50 users against the
production stage (scripts/prod_stage.sh: the shipped nginx site over https in front of
gunicorn started from its unit, PostgreSQL), seeded with `province` and with `small`.

scripts/bench.sh starts the stage once per preset (4 gunicorn workers), each running

    python -m tests.perf.load run --preset province --keep DIR [--warmup 60 --measure 300]

inside it (PROD_URL, PROD_PREFIX, PROD_ENV_FILE come from the stage): the bench accounts and
the plan of addresses on the stage's database (`load_plan`, run with the site's environment
file), a warm-up, then a measured window (`load_run`); the samples, the plan and the
stage's logs go to DIR. Then

    python -m tests.perf.load report DIR

prints p50/p95 per page beside the trivial page of the same run (the sign-in page: every
ratio is to it) and, for the department users' pages, province/small.
"""

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.perf.load_plan import BASELINE, DEPARTMENT_ROLES
from tests.prod import units

ROOT = Path(__file__).resolve().parents[2]
PY = Path(sys.executable)
GOAL_P95_MS = 150
GOAL_GROWTH = 1.5
# Pages with a goal of their own: the qualified list's first page (issue 14), p95 for the
# province-wide list the secretariat opens and for the department lists of the others.
OWN_GOALS_MS = {"/dieu-kien/don-vi/<id>/danh-sach/": 1000}


def prepare(env_file: Path, preset: str, plan_path: Path) -> None:
    """Create the bench accounts and write the plan on the site's database, in a process
    with the site's environment (its settings, its database role), as the units have it."""
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/"), "LANG": "C.UTF-8",
           **units.environment_file(env_file), "DJANGO_SETTINGS_MODULE": "thidua.settings"}
    subprocess.run([PY, "-m", "tests.perf.load", "prepare", "--preset", preset, "--plan", str(plan_path)],
                   env=env, check=True, cwd=ROOT)


def _prepare_here(preset: str, plan_path: Path) -> None:
    import django

    django.setup()
    from tests.perf.load_plan import build_plan

    build_plan(plan_path, preset=preset)


# The stage's nginx access log (scripts/prod_stage.sh, log_format `stage`): tab-separated,
# each request's end (epoch s), nginx's time, the upstream's time (s), the status, the page
# and role the locustfile names in its headers, the request line.
NGINX_LOG = Path("log") / "nginx-access.log"


def upstream_samples(log: Path, window: list[float]) -> dict:
    """Per page (and per role and page) gunicorn's time in ms as nginx saw it (from its
    connect to the answer: the wait for a free worker included, TLS and the load
    generator's own time not) of the requests that ended inside WINDOW (epoch seconds)."""
    samples: dict[str, list[float]] = {}
    by_role: dict[str, dict[str, list[float]]] = {}
    start, end = window
    for line in log.read_text().splitlines():
        at, _total, upstream, _status, page, role, _request = line.split("\t", 6)
        if page == "-" or upstream == "-" or not start <= float(at) <= end:
            continue
        # "0.012, 0.030" when nginx tried the upstream twice: the user waited for both.
        ms = sum(float(part) for part in upstream.split(",")) * 1000
        samples.setdefault(page, []).append(ms)
        by_role.setdefault(role, {}).setdefault(page, []).append(ms)
    return {"samples": samples, "by_role": by_role}


def run(preset: str, keep: Path, warmup: float, measure: float) -> None:
    """The load test against the production stage this runs inside."""
    try:
        url, prefix, env_file = (os.environ["PROD_URL"], Path(os.environ["PROD_PREFIX"]),
                                 Path(os.environ["PROD_ENV_FILE"]))
    except KeyError:
        raise SystemExit("`load run` runs inside the production stage: scripts/prod_stage.sh --run …") from None
    keep.mkdir(parents=True, exist_ok=True)
    plan = keep / f"plan-{preset}.json"
    print(f">> {preset}: bench accounts and plan")
    prepare(env_file, preset, plan)
    out = keep / f"samples-{preset}.json"
    print(f">> {preset}: locust against {url}, {warmup:.0f} s warm-up then {measure:.0f} s measured")
    try:
        subprocess.run([PY, "-m", "tests.perf.load_run", "--plan", plan, "--host", url,
                        "--ca", prefix / "etc" / "tls" / "thidua.pem",
                        "--warmup", str(warmup), "--measure", str(measure), "--out", out],
                       check=True, cwd=ROOT)
    finally:
        for log, name in ((prefix / NGINX_LOG, "nginx-access"), (prefix / "log" / "thidua-web.log", "gunicorn")):
            if log.exists():
                shutil.copyfile(log, keep / f"{name}-{preset}.log")
    result = json.loads(out.read_text())
    result["server"] = upstream_samples(prefix / NGINX_LOG, result["window"])
    result["preset"] = preset
    result["workers"] = int(units.environment_file(env_file)["THIDUA_WEB_WORKERS"])
    out.write_text(json.dumps(result))
    print(f"   {sum(map(len, result['samples'].values()))} requests measured, "
          f"{sum(result['failures'].values())} failed; kept in {keep}")


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (Q in 0..1) of VALUES."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def report(keep: Path) -> int:
    """Print the tables of the runs kept in KEEP (one per preset), then province/small."""
    results = {p: json.loads((keep / f"samples-{p}.json").read_text()) for p in ("province", "small")
               if (keep / f"samples-{p}.json").exists()}
    if not results:
        print(f"no samples in {keep}", file=sys.stderr)
        return 1
    for preset, result in results.items():
        print_table(preset, result)
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


def print_table(preset: str, result: dict) -> None:
    """Per page: p50/p95 as the users saw them (locust, over https through nginx) and as
    gunicorn answered nginx (the upstream time), each beside the sign-in page's."""
    samples, server = result["samples"], result["server"]["samples"]
    _, *client_bound = _stats(samples[BASELINE])
    _, *server_bound = _stats(server.get(BASELINE) or samples[BASELINE])
    print(f"\n== load: {preset}, {result['users']} users, {result['seconds']:.0f} s measured, the production "
          f"stage (nginx, https, gunicorn {result['workers']} sync workers, PostgreSQL) ==")
    print(f"lower bound, the sign-in page {BASELINE}: p50/p95 {client_bound[0]:.0f}/{client_bound[1]:.0f} ms "
          f"(users), {server_bound[0]:.0f}/{server_bound[1]:.0f} ms (upstream)")
    print(f"{'':42} {'as users saw it (locust)':^25} {'upstream (nginx log)':^25}")
    print(f"{'page':36} {'n':>5} {'p50':>6} {'p95':>6} {'×p50':>5} {'×p95':>5} {'p50':>6} {'p95':>6} {'×p50':>5} "
          f"{'×p95':>5} {'fail':>4}  goal p95 ≤ {GOAL_P95_MS} ms")
    every = [v for name, values in samples.items() if not name.startswith("[") for v in values]
    for name in sorted(set(samples) | set(result["failures"]), key=lambda n: (n != BASELINE, n)):
        values = samples.get(name, [])
        p95 = percentile(values, 0.95) if values else 0
        limit = OWN_GOALS_MS.get(name, GOAL_P95_MS)
        goal = ("ok" if values and p95 <= limit else "over") + (f" (≤ {limit} ms)" if name in OWN_GOALS_MS else "")
        print(f"{name[:36]:36} {len(values):5d} {_cells(values, client_bound)} "
              f"{_cells(server.get(name), server_bound)} {result['failures'].get(name, 0):4d}  {goal}")
    print(f"{'all requests':36} {len(every):5d} {_cells(every, client_bound)} "
          f"{_cells([v for n, vs in server.items() if not n.startswith('[') for v in vs], server_bound)} "
          f"{sum(result['failures'].values()):4d}")
    for name, count in result.get("warmup_failures", {}).items():
        print(f"   {count} failed during the warm-up: {name}")
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
    print(f"{'page':36} {'users saw':>15} {'×':>5} {'upstream':>15} {'×':>5}  goal ≤ {GOAL_GROWTH}×")
    for name in sorted(set(views[0]) & set(views[1])):
        big, little = percentile(views[0][name], 0.95), percentile(views[1][name], 0.95)
        line = f"{name[:36]:36} {big:7.0f}/{little:<7.0f} {big / little:5.2f}"
        if name in servers[0] and name in servers[1]:
            s_big, s_little = percentile(servers[0][name], 0.95), percentile(servers[1][name], 0.95)
            line += f" {s_big:7.0f}/{s_little:<7.0f} {s_big / s_little:5.2f}"
        print(f"{line}  {'ok' if big / little <= GOAL_GROWTH else 'grows'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    run_args = commands.add_parser("run", help="inside the production stage: plan, warm-up, measure")
    run_args.add_argument("--preset", required=True, help="the preset the stage seeded")
    run_args.add_argument("--keep", required=True, help="the folder for the plan, the samples and the logs")
    run_args.add_argument("--warmup", type=float, default=60, help="seconds of warm-up (default 60)")
    run_args.add_argument("--measure", type=float, default=300, help="seconds measured (default 300)")
    report_args = commands.add_parser("report", help="print the tables of the runs kept in a folder")
    report_args.add_argument("keep")
    prepare_args = commands.add_parser("prepare", help="(run by `run`, with the site's environment)")
    prepare_args.add_argument("--preset", required=True)
    prepare_args.add_argument("--plan", required=True)
    args = parser.parse_args(argv)
    if args.command == "prepare":
        _prepare_here(args.preset, Path(args.plan))
    elif args.command == "run":
        run(args.preset, Path(args.keep), args.warmup, args.measure)
    else:
        return report(Path(args.keep))
    return 0


if __name__ == "__main__":
    sys.exit(main())

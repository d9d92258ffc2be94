"""Run the locustfile in-process for a warm-up, then a measured window, and write every
measured response time per page (and per role) to a JSON file: `tests.perf.load` starts
this in its own process (locust patches the standard library with gevent).

    python -m tests.perf.load_run --plan plan.json --host https://127.0.0.1:8443 --ca thidua.pem \\
        --warmup 60 --measure 300 --out samples.json

Failures during the warm-up (a sign-in refused) are kept apart: they are not in the
measured window, but a user whose sign-in failed measures nothing worth having.
"""

import gevent.monkey

gevent.monkey.patch_all()

import argparse  # noqa: E402 — after gevent's patching, as locust requires
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import defaultdict  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plan", required=True)
    parser.add_argument("--host", required=True)
    parser.add_argument("--warmup", type=float, default=60, help="seconds before measuring")
    parser.add_argument("--measure", type=float, default=300, help="seconds measured")
    parser.add_argument("--ca", help="the certificate to trust for the host (a self-signed one)")
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    os.environ["THIDUA_LOAD_PLAN"] = args.plan
    if args.ca:
        os.environ["THIDUA_LOAD_CA"] = args.ca

    from locust import events
    from locust.env import Environment

    from tests.perf.load_plan import ROLE_MIX
    from tests.perf.locustfile import USER_CLASSES

    samples: dict[str, list[float]] = defaultdict(list)
    by_role: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    failures: dict[str, int] = defaultdict(int)
    errors: dict[str, str] = {}
    warmup_failures: dict[str, int] = defaultdict(int)
    measuring = False

    @events.request.add_listener
    def record(request_type, name, response_time, response_length, exception=None, context=None, **_kw):
        if not measuring:
            if exception is not None:
                warmup_failures[name] += 1
                errors.setdefault(name, str(exception)[:200])
            return
        if exception is not None:
            failures[name] += 1
            errors.setdefault(name, str(exception)[:200])
            return
        samples[name].append(response_time)
        by_role[(context or {}).get("role", "")][name].append(response_time)

    env = Environment(user_classes=USER_CLASSES, events=events, host=args.host)
    runner = env.create_local_runner()
    users = sum(ROLE_MIX.values())
    runner.start(users, spawn_rate=args.spawn_rate)
    gevent.sleep(args.warmup)
    if runner.user_count != users:
        print(f"only {runner.user_count} of {users} users running after the warm-up", file=sys.stderr)
    measuring = True
    started, window_start = time.monotonic(), time.time()
    gevent.sleep(args.measure)
    measuring = False
    elapsed, window_end = time.monotonic() - started, time.time()
    runner.quit()
    out = {"host": args.host, "users": users, "seconds": round(elapsed, 1), "window": [window_start, window_end],
           "samples": samples,
           "by_role": by_role, "failures": failures, "warmup_failures": warmup_failures,
           "errors": errors}
    with open(args.out, "w") as f:
        json.dump(out, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
